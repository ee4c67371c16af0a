import {
  ALL_CORROBORATION_FIELDS,
  liveIncident,
  liveIncidentPage,
  liveMatching,
  type ReadStore,
} from '@app/read-store';

/**
 * Reads, before the service says it is ready, what the questions about now read: every incident's version 0 and
 * stored assessment (what a list's count, tally and map read), a first page and its incidents with their
 * corroborations. Nothing is kept: the code, its prepared statements and the file's pages are then no longer cold
 * for the first visitor, as `warmPastReads` does for the questions about the past.
 */
export function warmLiveReads(file: ReadStore): void {
  liveMatching(file.db, {}, file.policy);
  const page = liveIncidentPage(file.db, {}, { first: 10 }, file.policy);
  for (const { node } of page?.edges ?? [])
    liveIncident(file.db, node.incidentId, file.policy, ALL_CORROBORATION_FIELDS);
}
