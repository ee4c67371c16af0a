import { incidentPageAt, incidentsByIdAt, type ReadCut, type ReadStore } from '@app/read-store';

/**
 * Reads, once the file has caught up and serves (in a turn of its own), what a first page of incidents as of a date
 * reads: every incident's dates, a few incidents' rows and the sources, the policy over them, on each
 * clock (cut now: every row within it; a short page, since the point is not its own incidents). Nothing is kept (a
 * question about the past names its own cut): the code reading the file, its prepared statements and the pages
 * every such page reads (the dates index, the incidents) are then no longer cold for the first visitor who asks
 * one, as `warmLiveReads` does for the live overview (about 40 to 80 ms on 10,000 incidents).
 */
export function warmPastReads(file: ReadStore, now: Date): void {
  const cuts: ReadCut[] = [
    { clock: 'KNOWN', at: now },
    { clock: 'RECORDED', at: now },
  ];
  for (const cut of cuts) {
    const page = incidentPageAt(file.db, cut, {}, { first: 10 });
    const ids = page.edges.map(({ node }) => node.incidentId);
    incidentsByIdAt(file.db, cut, ids, file.policy);
  }
}
