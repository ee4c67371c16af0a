import { ccmStatusOf, type RegistryModel, type StatementView, resolveIncidentId } from '@app/projections';
import type { ReferenceData } from '../reference/reference-data';
import { toCorrectionObject } from '../incidents/objects/correction.object';
import type { StatementObject } from './objects/statement.object';
import { toScopeObject } from './objects/scope.object';

/** Read model -> GraphQL object; incident ids are resolved, as incidents may have been merged since. */
export function toStatementObject(
  view: StatementView,
  model: RegistryModel,
  reference: ReferenceData,
): StatementObject {
  const incidentIds = [...new Set(view.incidentIds.map((id) => resolveIncidentId(model, id)))];
  return {
    id: view.statementId,
    revision: view.revision,
    speakers: view.speakers.map((stateCode) => ({
      stateCode,
      name: reference.countries.get(stateCode),
      ccmStatus: ccmStatusOf(reference.ccmStates, stateCode, view.deliveredOn),
    })),
    onBehalfOf: view.onBehalfOf,
    kind: view.kind,
    venue: view.venue,
    deliveredOn: view.deliveredOn,
    incidentIds,
    namesUser: view.namesUser,
    scope: toScopeObject(incidentIds, view.scope),
    quote: view.quote,
    citation: view.citation,
    corrections: view.corrections.map(toCorrectionObject),
    recordedAt: view.recordedAt,
  };
}
