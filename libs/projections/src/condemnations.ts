import type { IsoDate } from '@app/domain';
import { resolutionUtterances, scopeCoverage, type Utterance } from './coverage';
import type { IncidentView, RegistryModel } from './model';
import { resolveIncidentId } from './model';

/**
 * Incident id -> the States that condemned it by the date, by the counting rules of the speak-out report
 * (statements naming it, its situation or its alleged user, once per co-signer, and YES votes for condemning
 * resolutions). Generic condemnations ("any use by any actor") count only when `countGeneric` says so: the
 * presidency asks who has not yet condemned *this* use.
 */
export function condemnersByIncident(
  model: RegistryModel,
  on: IsoDate,
  countGeneric = false,
): Map<string, Set<string>> {
  const incidents = [...model.incidents.values()].filter((i) => !i.mergedInto);
  const condemners = new Map<string, Set<string>>();
  const add = (incident: IncidentView | string, codes: readonly string[]) => {
    const id = typeof incident === 'string' ? incident : incident.incidentId;
    let set = condemners.get(id);
    if (!set) condemners.set(id, (set = new Set()));
    for (const code of codes) set.add(code);
  };
  const hear = (u: Utterance) => {
    if (u.kind !== 'CONDEMNATION' || u.on > on) return;
    for (const raw of u.incidentIds) add(resolveIncidentId(model, raw), u.speakers);
    const scope = u.scope;
    const named = scope !== undefined && (scope.situationIds !== undefined || scope.allegedUser !== undefined);
    if (scope === undefined || (!countGeneric && !named)) return;
    const counted = countGeneric ? scope : { ...scope, generic: false };
    for (const incident of incidents) if (scopeCoverage(counted, incident) !== null) add(incident, u.speakers);
  };
  for (const s of model.statements.values()) {
    hear({
      kind: s.kind,
      on: s.deliveredOn,
      speakers: s.speakers,
      incidentIds: s.incidentIds,
      scope: s.scope,
      statementId: s.statementId,
      resolutionId: null,
    });
  }
  for (const { utterance } of resolutionUtterances(model, on)) hear(utterance);
  return condemners;
}
