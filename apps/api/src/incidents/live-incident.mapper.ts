import type { ScopeLevel } from '@app/projections';
import type { Citation } from '@app/domain';
import type { LiveCorroboration, LiveIncident } from '@app/read-store';
import { READ_FROM } from '../queries/model-context';
import type { IncidentReads } from '../read-store/incident-reads';
import type { ReferringResolutionObject, ReferringStatementObject } from '../queries/objects/incident-read.objects';
import type { ReferenceData } from '../reference/reference-data';
import { factsOf } from './incident.mapper';
import type { CorroborationObject, IncidentObject } from './objects/incident.object';

/**
 * On an incident read from the file now: its referring statements and resolutions from the file, kept per checkpoint
 * (null: read through its reads, as on a mutation's answer). Under a symbol, as READ_FROM: GraphQL and JSON never
 * see it.
 */
export const REFERRING: unique symbol = Symbol('referring');

/**
 * An incident asked about now, read from the projection file's live rows (one, or each of a list): its details,
 * assessment, history, revision and corrections, its corroborations when the query asked for them (read with the
 * rest, in the same transaction, or after when a list did not read them), its investigations and statements when
 * selected (`FileLists`); what else fields below it read, through its reads (READ_FROM).
 */
class LiveIncidentObject {
  readonly [READ_FROM]: IncidentReads;

  constructor(
    private readonly incident: LiveIncident,
    private readonly reference: ReferenceData,
    reads: IncidentReads,
    private readonly fromFile: FileLists,
  ) {
    Object.assign(this, factsOf(incident, reference));
    this[READ_FROM] = reads;
  }

  get corroborations(): CorroborationObject[] {
    return corroborationObjects(this.incident.corroborations ?? this.fromFile.corroborations(this.incident.incidentId));
  }
  get revision(): number {
    return this.incident.revision;
  }
  get investigations(): IncidentObject['investigations'] {
    return this.fromFile.investigations(this.incident.incidentId);
  }
  get statements(): IncidentObject['statements'] {
    return this.fromFile.statements(this.incident.incidentId);
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

/** The nested lists the file gives when a query selects them. */
export interface FileLists {
  corroborations(incidentId: string): LiveCorroboration[];
  investigations(incidentId: string): IncidentObject['investigations'];
  statements(incidentId: string): IncidentObject['statements'];
  /** Absent where the incident's reads answer them (a mutation's answer). */
  referring?(incidentId: string, scopes: readonly ScopeLevel[], from: string | null): FileReferring;
}

/** An incident read from the projection file now, with its reads (its trail, its file) for the fields below it. */
export function toLiveIncidentObject(
  incident: LiveIncident,
  reference: ReferenceData,
  reads: IncidentReads,
  fromFile: FileLists,
): IncidentObject {
  return new LiveIncidentObject(incident, reference, reads, fromFile) as unknown as IncidentObject;
}

/**
 * Corroborations read from the file as GraphQL objects. The parts not read (null) are the parts the query did not
 * ask for (see CorroborationFields). Field by field, not rest and spread: this runs for each corroboration of every
 * incident(id), and an object rest is slow in V8.
 */
export function corroborationObjects(read: readonly LiveCorroboration[]): CorroborationObject[] {
  return read.map((c) => ({
    id: c.corroborationId,
    source: c.source as CorroborationObject['source'],
    stance: c.stance,
    evidenceKinds: c.evidenceKinds,
    publishedOn: c.publishedOn,
    citation: c.citation as Citation,
    summary: c.summary as string,
    derivedFrom: c.derivedFrom ?? undefined,
    credibility: c.credibility ?? undefined,
    geolocationPrecisionMeters: c.geolocationPrecisionMeters ?? undefined,
    retractedOn: c.retractedOn,
    retractionReason: c.retractionReason,
    recordedAt: c.recordedAt,
  }));
}
