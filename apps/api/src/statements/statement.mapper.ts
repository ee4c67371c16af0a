import { type RegistryModel, type StatementView, resolveIncidentId } from '@app/projections';
import type { ReferenceData } from '../reference/reference-data';
import { toCorrectionObject } from '../incidents/objects/correction.object';
import type { StatementObject } from './objects/statement.object';

/** Read model -> GraphQL object; incident ids are resolved, as incidents may have been merged since. */
export function toStatementObject(view: StatementView, model: RegistryModel, reference: ReferenceData): StatementObject {
  return {
    id: view.statementId,
    revision: view.revision,
    speakers: view.speakers.map((stateCode) => ({ stateCode, name: reference.countries.get(stateCode) })),
    onBehalfOf: view.onBehalfOf,
    kind: view.kind,
    venue: view.venue,
    deliveredOn: view.deliveredOn,
    incidentIds: [...new Set(view.incidentIds.map((id) => resolveIncidentId(model, id)))],
    namesUser: view.namesUser,
    quote: view.quote,
    citation: view.citation,
    corrections: view.corrections.map(toCorrectionObject),
    recordedAt: view.recordedAt,
  };
}
