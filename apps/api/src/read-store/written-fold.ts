import {
  incidentStream,
  investigationStream,
  type PolicyConfig,
  resolutionStream,
  situationStream,
  sourceStream,
  statementStream,
} from '@app/domain';
import type { EventStore, StoredEvent } from '@app/event-store';
import { liveIncident, liveIncidentInvestigations, liveIncidentStatements, liveInvestigation } from '@app/read-store';
import { liveSituations, ReadStore, resolutionsAt, statementAt } from '@app/read-store';

/** Enough to answer for one written entity; a link-rich entity stops here rather than reading the world. */
const MAX_STREAMS = 400;
const MAX_ROUNDS = 4;
/** An incident's corroborations with their source ids only (what the links need). */
const IDS_ONLY = { words: false, retraction: false, grade: false };

const addAll = (into: Set<string>, ids: readonly string[]) => ids.forEach((id) => into.add(id));
const idOf = (stream: string, prefix: string): string | null =>
  stream.startsWith(prefix) ? stream.slice(prefix.length) : null;

/**
 * The streams the entities folded in `db` link to: an incident's merged duplicates, its corroborations' sources,
 * its investigations and statements; the incidents (and the investigating source) an investigation or a statement
 * names; the incidents a resolution names or a situation holds. Read with the readers the queries use, over the
 * fold and over the live file (which may know more links).
 */
function linkedStreams(files: ReadStore[], streams: Set<string>): Set<string> {
  // The live file may have been swapped out (closed) while the streams were read.
  const dbs = files.filter((file) => file.db.open);
  const next = new Set(streams);
  const incidents = new Set<string>();
  for (const stream of streams) {
    const incident = idOf(stream, incidentStream(''));
    if (incident !== null) incidents.add(incident);
    for (const { db } of dbs) {
      const investigation = idOf(stream, investigationStream(''));
      const read = investigation === null ? null : liveInvestigation(db, investigation);
      if (read) addAll(incidents, read.incidentIds);
      if (read?.investigator.sourceId) next.add(sourceStream(read.investigator.sourceId));
      const statement = idOf(stream, statementStream(''));
      const said = statement === null ? null : statementAt(db, 'LIVE', statement);
      if (said) addAll(incidents, said.incidentIds);
      const resolution = idOf(stream, resolutionStream(''));
      if (resolution !== null) resolutionsAt(db, 'LIVE', resolution).forEach((r) => addAll(incidents, r.incidentIds));
      const situation = idOf(stream, situationStream(''));
      const held = situation === null ? undefined : liveSituations(db).find((s) => s.situationId === situation);
      if (held) addAll(incidents, held.incidentIds);
    }
  }
  for (const id of incidents) {
    next.add(incidentStream(id));
    for (const { db, policy } of dbs) {
      const incident = liveIncident(db, id, policy, IDS_ONLY);
      if (!incident) continue;
      next.add(incidentStream(incident.incidentId));
      for (const duplicate of incident.mergedDuplicates) next.add(incidentStream(duplicate));
      for (const c of incident.corroborations ?? []) next.add(sourceStream(c.source.id));
      for (const i of liveIncidentInvestigations(db, id) ?? []) next.add(investigationStream(i.investigationId));
      for (const s of liveIncidentStatements(db, id) ?? []) next.add(statementStream(s.statementId));
    }
  }
  return next;
}

/**
 * What a mutation wrote, folded into a fresh in-memory projection (the one fold the file runs, in position order):
 * the written streams and those they link to, followed for a few rounds. It answers a mutation whose write the
 * projection file does not show yet, so that the write is shown instead of NOT_FOUND. Links that only events in
 * unread streams make (a statement recorded meanwhile by someone else) are missing until the file catches up: the
 * answer says that the read side is behind. The caller closes it.
 */
export async function foldWritten(
  store: EventStore,
  written: readonly string[],
  policy: PolicyConfig,
  live: ReadStore | null,
): Promise<ReadStore> {
  let streams = new Set(written);
  let fold = ReadStore.openFile(':memory:', { policy });
  try {
    for (let round = 0; ; round++) {
      fold.applyPage(await readStreams(store, streams), { assess: true });
      const next = linkedStreams(live === null ? [fold] : [fold, live], streams);
      if (round + 1 >= MAX_ROUNDS || next.size === streams.size || next.size > MAX_STREAMS) return fold;
      streams = next;
      fold.close();
      fold = ReadStore.openFile(':memory:', { policy });
    }
  } catch (error) {
    fold.close();
    throw error;
  }
}

async function readStreams(store: EventStore, streams: Iterable<string>): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (const stream of streams) for await (const stored of store.readStream(stream)) events.push(stored);
  return events.sort((a, b) => store.comparePositions(a.position, b.position));
}
