import type { InvestigationNow } from '@app/read-store';
import type { ReferenceData } from '../reference/reference-data';
import type { InvestigationObject } from './objects/investigation.object';

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
