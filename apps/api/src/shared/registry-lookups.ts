import { canonicalSourceId, findIncident, type RegistryModel, stateSourceOf } from '@app/projections';
import type { KeyedWrite } from '@app/read-store';

/**
 * What a command looks up before it decides, by key: the projection file's `Lookups` answer it in the service;
 * the in-memory model (`modelLookups`) where no file is kept (the command line).
 */
export interface RegistryLookups {
  sourceName(id: string): string | undefined;
  canonicalSourceId(id: string): string;
  stateSourceId(stateCode: string): string | undefined;
  canonicalIncidentId(id: string): string | undefined;
  /** The incident a corroboration was logged on, before any merge. */
  corroborationIncidentId(id: string): string | undefined;
  investigationExists(id: string): boolean;
  statementExists(id: string): boolean;
  situationExists(id: string): boolean;
  keyedWrite(key: string): KeyedWrite | undefined;
}

export const modelLookups = (model: RegistryModel): RegistryLookups => ({
  sourceName: (id) => model.sources.get(id)?.name,
  canonicalSourceId: (id) => canonicalSourceId(model, id),
  stateSourceId: (stateCode) => stateSourceOf(model, stateCode)?.sourceId,
  canonicalIncidentId: (id) => findIncident(model, id)?.incidentId,
  corroborationIncidentId: (id) => model.corroborations.get(id)?.originalIncidentId,
  investigationExists: (id) => model.investigations.has(id),
  statementExists: (id) => model.statements.has(id),
  situationExists: (id) => model.situations.has(id),
  keyedWrite: (key) => model.idempotency.get(key),
});
