import { type IncidentAtCut, incidentsAt, incidentsByIdAt, type ReadStore } from '@app/read-store';
import type { IncidentsAtCut } from './cut-reads';

/** Every canonical incident now (the stored assessments: no policy run), by incident id. */
export function incidentsNow(file: ReadStore): IncidentsAtCut {
  return { incidents: new Map(incidentsAt(file.db, 'LIVE', file.policy).map((i) => [i.incidentId, i])), fixed: true };
}

const byId = ([a]: [string, IncidentAtCut], [b]: [string, IncidentAtCut]) => (a < b ? -1 : 1);

/**
 * `incidentsNow` after live pages that marked `marked` (and nothing else: see PageChanges.markedIncidentIds), from the
 * answer before them: the marked incidents are read again (a merged duplicate leaves, a new incident joins, in id
 * order), the others kept. A new map: the one before may still be read by a request.
 */
export function patchIncidentsNow(file: ReadStore, before: IncidentsAtCut, marked: readonly string[]): IncidentsAtCut {
  const fresh = new Map<string, IncidentAtCut>();
  for (const incident of incidentsByIdAt(file.db, 'LIVE', marked, file.policy))
    if (incident !== null) fresh.set(incident.incidentId, incident);
  const incidents = new Map(before.incidents);
  for (const id of marked) if (!fresh.has(id)) incidents.delete(id);
  let joined = false;
  for (const [id, incident] of fresh) {
    joined ||= !incidents.has(id);
    // In place: an incident already listed keeps its place.
    incidents.set(id, incident);
  }
  return { incidents: joined ? new Map([...incidents].sort(byId)) : incidents, fixed: true };
}
