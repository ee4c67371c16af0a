import { findIncident, type IncidentView, type RegistryModel, type ScopeLevel } from '@app/projections';
import type { Citation } from '@app/domain';
import type { LiveIncident } from '@app/read-store';
import { READ_FROM } from '../queries/model-context';
import type { ReferringResolutionObject, ReferringStatementObject } from '../queries/objects/incident-read.objects';
import type { ReferenceData } from '../reference/reference-data';
import { factsOf, toIncidentObject } from './incident.mapper';
import type { CorroborationObject, IncidentObject } from './objects/incident.object';

/**
 * On an incident read from the file now: its referring statements and resolutions from the file (null: the model
 * answers). Under a symbol, as READ_FROM: GraphQL and JSON never see it.
 */
export const REFERRING: unique symbol = Symbol('referring');

/**
 * An incident asked about now, read from the projection file's live rows (one, or each of a list): its details,
 * assessment, history, revision and corrections, its corroborations when the query asked for them (read with the
 * rest, in the same transaction), its investigations and statements when selected (`FileLists`). The live in-memory
 * model, which is at or past the file's checkpoint, gives the nested lists only when the file cannot answer then.
 */
class LiveIncidentObject {
  private fromModel?: IncidentObject;
  readonly [READ_FROM]: RegistryModel;

  constructor(
    private readonly incident: LiveIncident,
    private readonly reference: ReferenceData,
    model: RegistryModel,
    private readonly fromFile: FileLists,
  ) {
    Object.assign(this, factsOf(incident, reference));
    this[READ_FROM] = model;
  }

  private model(): IncidentObject {
    if (this.fromModel === undefined) {
      const view: IncidentView | undefined = findIncident(this[READ_FROM], this.incident.incidentId);
      if (!view) throw new Error(`incident ${this.incident.incidentId} is in the projection file but not in the model`);
      this.fromModel = toIncidentObject(view, this[READ_FROM], this.reference, { lazyLists: true });
    }
    return this.fromModel;
  }

  get corroborations(): CorroborationObject[] {
    const read = this.incident.corroborations;
    if (read === null) return this.model().corroborations;
    // The parts not read (null) are the parts the query did not ask for (see CorroborationFields).
    return read.map(({ corroborationId, derivedFrom, credibility, geolocationPrecisionMeters, ...c }) => ({
      id: corroborationId,
      ...c,
      source: c.source as CorroborationObject['source'],
      citation: c.citation as Citation,
      summary: c.summary as string,
      derivedFrom: derivedFrom ?? undefined,
      credibility: credibility ?? undefined,
      geolocationPrecisionMeters: geolocationPrecisionMeters ?? undefined,
    }));
  }
  get revision(): number {
    return this.incident.revision;
  }
  get investigations(): IncidentObject['investigations'] {
    return this.fromFile.investigations(this.incident.incidentId) ?? this.model().investigations;
  }
  get statements(): IncidentObject['statements'] {
    return this.fromFile.statements(this.incident.incidentId) ?? this.model().statements;
  }
  get corrections(): IncidentObject['corrections'] {
    return this.incident.corrections;
  }
  [REFERRING](scopes: readonly ScopeLevel[], from: string | null): FileReferring | null {
    return this.fromFile.referring?.(this.incident.incidentId, scopes, from) ?? null;
  }
}

export interface FileReferring {
  statements: ReferringStatementObject[];
  resolutions: ReferringResolutionObject[];
}

/** The nested lists the file gives when a query selects them (null: it cannot answer then, the model does). */
export interface FileLists {
  investigations(incidentId: string): IncidentObject['investigations'] | null;
  statements(incidentId: string): IncidentObject['statements'] | null;
  /** Absent where only the model answers them (a mutation's answer). */
  referring?(incidentId: string, scopes: readonly ScopeLevel[], from: string | null): FileReferring | null;
}

/** An incident read from the projection file now; `model` (the live one) gives what the file does not. */
export function toLiveIncidentObject(
  incident: LiveIncident,
  reference: ReferenceData,
  model: RegistryModel,
  fromFile: FileLists,
): IncidentObject {
  return new LiveIncidentObject(incident, reference, model, fromFile) as unknown as IncidentObject;
}
