import type { IncidentSet, ListedIncident } from '@app/projections';
import { liveMatching, type LiveIncidentFilter, type MatchedIncident, type ReadStore } from '@app/read-store';
import type { AtCheckpoint } from './at-checkpoint';

/** The incidents a live filter keeps, as a tally and a map read them: a set that stands still. */
export type LiveOverview = IncidentSet<ListedIncident>;

/**
 * The incidents `filter` keeps now, read once per filter while the file stands still (`kept`): a tally and a map
 * asked apart (as the page asks them) share the read, and each is remembered on the one set
 * (incident-overview.ts). Null while an incident is due to be assessed.
 */
export function liveOverview(kept: AtCheckpoint, file: ReadStore, filter: LiveIncidentFilter): LiveOverview | null {
  return kept.get(file, keyOf(filter), () => overviewOf(liveMatching(file.db, filter, file.policy)));
}

/**
 * Keeps, as the overview without filters, `matched`: what `liveMatching` read of `file` at its checkpoint now in
 * another thread (see report-rows.worker.ts).
 */
export function keepUnfilteredOverview(kept: AtCheckpoint, file: ReadStore, matched: MatchedIncident[]): void {
  kept.get(file, keyOf({}), () => overviewOf(matched));
}

const keyOf = (filter: LiveIncidentFilter) => `overview|${JSON.stringify(filter)}`;

// Tallies and maps read of each incident only what MatchedIncident holds and its date, in order, with no filter.
const overviewOf = (matched: MatchedIncident[] | null): LiveOverview | null =>
  matched && { incidents: new Map(matched.map((i) => [i.incidentId, i as unknown as ListedIncident])), fixed: true };
