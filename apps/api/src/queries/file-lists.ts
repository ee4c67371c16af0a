import type { FileLists } from '../incidents/live-incident.mapper';
import { toLiveInvestigationObject } from '../investigations/investigation.mapper';
import type { ReadModelService } from '../read-model/read-model.service';
import type { LiveReads } from '../read-store/live-reads.service';
import type { ReferenceData } from '../reference/reference-data';
import { toListedStatementObject } from '../statements/listed-statement';
import { toResolutionObject } from '../statements/resolutions.resolver';

/**
 * An incident's nested lists from the projection file when it can answer (LiveReads: in step with the live model),
 * for every incident read now (incident(id), a page of incidents, a subscription's payload); null, and the model.
 */
export const fileListsOf = (live: LiveReads, reference: ReferenceData, readModel: ReadModelService): FileLists => ({
  investigations: (incidentId) =>
    live.incidentInvestigations(incidentId)?.map((i) => toLiveInvestigationObject(i, reference)) ?? null,
  statements: (incidentId) =>
    live
      .incidentStatements(incidentId)
      ?.map((s) => toListedStatementObject(s, reference, () => readModel.statementEvents(s.statementId))) ?? null,
  referring: (incidentId, scopes, from) => {
    const read = live.referring(incidentId, scopes, from);
    if (read === null) return null;
    const resolve = (id: string) => read.canonicalOf.get(id) ?? id;
    return {
      statements: read.statements.map(({ statement: s, ...coverage }) => ({
        statement: toListedStatementObject(s, reference, () => readModel.statementEvents(s.statementId)),
        ...coverage,
      })),
      resolutions: read.resolutions.map(({ resolution, ...coverage }) => ({
        resolution: toResolutionObject(resolution, resolve),
        ...coverage,
      })),
    };
  },
});
