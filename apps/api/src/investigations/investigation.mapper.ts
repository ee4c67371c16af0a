import { type InvestigationView, type RegistryModel, resolveIncidentId } from '@app/projections';
import type { InvestigationNow } from '@app/read-store';
import type { ReferenceData } from '../reference/reference-data';
import type { InvestigationObject } from './objects/investigation.object';

/** Read model -> GraphQL object; incident ids are resolved, as incidents may have been merged since. */
export function toInvestigationObject(
  view: InvestigationView,
  model: RegistryModel,
  reference: ReferenceData,
): InvestigationObject {
  const { sourceId } = view.investigator;
  return toLiveInvestigationObject(
    {
      ...view,
      sourceName: (sourceId ? model.sources.get(sourceId)?.name : undefined) ?? null,
      incidentIds: [...new Set(view.incidentIds.map((id) => resolveIncidentId(model, id)))],
    },
    reference,
  );
}

/** An investigation read from the projection file now (its incidents resolved there, its source's name read). */
export function toLiveInvestigationObject(read: InvestigationNow, reference: ReferenceData): InvestigationObject {
  const { kind, stateCode, name, sourceId } = read.investigator;
  return {
    id: read.investigationId,
    revision: read.revision,
    investigator: {
      kind,
      stateCode,
      sourceId,
      name: name ?? read.sourceName ?? (stateCode ? reference.countries.get(stateCode) : undefined),
    },
    incidentIds: read.incidentIds,
    mandate: read.mandate,
    openedOn: read.openedOn,
    outcome: read.outcome,
    findings: read.findings,
    concludedOn: read.concludedOn,
    recordedAt: read.recordedAt,
  };
}
