import { ALL_CORROBORATION_FIELDS, type LiveReferring } from '@app/read-store';
import type { FileLists, FileReferring } from '../incidents/live-incident.mapper';
import { toLiveInvestigationObject } from '../investigations/investigation.mapper';
import type { LiveReads } from '../read-store/live-reads.service';
import type { ReferenceData } from '../reference/reference-data';
import { toListedStatementObject } from '../statements/listed-statement';
import type { StatementStreams } from '../statements/statement-streams';
import { toResolutionObject } from '../statements/resolutions.resolver';

/**
 * An incident's nested lists from the projection file now, for every incident read now (incident(id), a page of
 * incidents, a subscription's payload): each read when a query selects it, a statement's words from its stream.
 */
export const fileListsOf = (live: LiveReads, reference: ReferenceData, streams: StatementStreams): FileLists => ({
  corroborations: (incidentId) => live.incident(incidentId, ALL_CORROBORATION_FIELDS).incident?.corroborations ?? [],
  investigations: (incidentId) =>
    live.incidentInvestigations(incidentId).map((i) => toLiveInvestigationObject(i, reference)),
  statements: (incidentId) =>
    live
      .incidentStatements(incidentId)
      .map((s) => toListedStatementObject(s, reference, () => streams.events(s.statementId))),
  referring: (incidentId, scopes, from) =>
    referringObjects(live.referring(incidentId, scopes, from), reference, streams),
});

/** An incident's referring statements and resolutions read from the file as GraphQL objects. */
export function referringObjects(
  read: LiveReferring,
  reference: ReferenceData,
  streams: StatementStreams,
): FileReferring {
  const resolve = (id: string) => read.canonicalOf.get(id) ?? id;
  return {
    statements: read.statements.map(({ statement: s, ...coverage }) => ({
      statement: toListedStatementObject(s, reference, () => streams.events(s.statementId)),
      ...coverage,
    })),
    resolutions: read.resolutions.map(({ resolution, ...coverage }) => ({
      resolution: toResolutionObject(resolution, resolve),
      ...coverage,
    })),
  };
}
