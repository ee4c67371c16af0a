import type { IncidentAtCut } from '../incidents-at';

/** What the file's readers give of an incident, taken from any incident (a replayed view or one read): to compare. */
export const shownOf = (i: IncidentAtCut): IncidentAtCut => ({
  incidentId: i.incidentId,
  details: i.details,
  reportedOn: i.reportedOn,
  recordedAt: i.recordedAt,
  mergedDuplicates: i.mergedDuplicates,
  withdrawal: i.withdrawal,
  assessment: i.assessment,
  statusHistory: i.statusHistory,
});
