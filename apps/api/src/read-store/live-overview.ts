import type { IncidentSet, ListedIncident } from '@app/projections';
import { liveMatching, type LiveIncidentFilter, type ReadStore } from '@app/read-store';
import type { AtCheckpoint } from './at-checkpoint';

/** The incidents a live filter keeps, as a tally and a map read them: a set that stands still. */
export type LiveOverview = IncidentSet<ListedIncident>;

/**
 * The incidents `filter` keeps now, read once per filter while the file stands still (`kept`): a tally and a map
 * asked apart (as the page asks them) share the read, and each is remembered on the one set
 * (incident-overview.ts). Null while an incident is due to be assessed.
 */
export function liveOverview(kept: AtCheckpoint, file: ReadStore, filter: LiveIncidentFilter): LiveOverview | null {
  return kept.get(file, `overview|${JSON.stringify(filter)}`, () => {
    const matched = liveMatching(file.db, filter, file.policy);
    // Tallies and maps read of each incident only what MatchedIncident holds and its date, in order, with no filter.
    const incidents = matched && new Map(matched.map((i) => [i.incidentId, i as unknown as ListedIncident]));
    return incidents && { incidents, fixed: true as const };
  });
}
