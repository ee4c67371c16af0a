import { incidentMap, tallyIncidents } from '@app/projections';
import { ALL_CORROBORATION_FIELDS, liveIncident, liveIncidentPage, type ReadStore } from '@app/read-store';
import type { AtCheckpoint } from './at-checkpoint';
import { liveOverview } from './live-overview';

/**
 * Reads, as the service turns ready, what the questions about now read: the overview without filters
 * (every incident's version 0 and stored assessment, their tally and map), kept in `kept` as a visitor's first
 * look at the page asks it, then a first page and its incidents with their corroborations (not kept: the code,
 * its prepared statements and the file's pages are then no longer cold), as `warmPastReads` does for the past.
 */
export function warmLiveReads(file: ReadStore, kept: AtCheckpoint): void {
  const overview = liveOverview(kept, file, {});
  if (overview !== null) {
    tallyIncidents(overview, {});
    incidentMap(overview, {});
  }
  const page = liveIncidentPage(file.db, {}, { first: 10 }, file.policy);
  for (const { node } of page?.edges ?? [])
    liveIncident(file.db, node.incidentId, file.policy, ALL_CORROBORATION_FIELDS);
}
