/**
 * Reading stored events back as typed events. Stored data is read, never rewritten: a later schema
 * version adds a step here. Read models skip (and count) what this returns null for; they never crash.
 */
import {
  ALLEGED_USER_KINDS, DELIVERIES, GRADES, INVESTIGATOR_KINDS, OUTCOMES, type RegistryEvent, type RegistryEventType,
  SCHEMA_VERSION, SOURCE_KINDS, STANCES, STATEMENT_KINDS, VENUES,
} from './events';
import { isIsoDate } from './validation';

/** What a required field must be: a primitive kind, or one of a list of values. */
type FieldShape = 'string' | 'date' | 'array' | 'object' | 'boolean' | readonly string[];
type Shape = Readonly<Record<string, FieldShape>>;

const prefixed = (prefix: string, shape: Shape): Shape =>
  Object.fromEntries(Object.entries(shape).map(([path, kind]) => [prefix + path, kind]));

const corroboration: Shape = {
  corroborationId: 'string', sourceId: 'string', stance: STANCES, evidenceKinds: 'array', publishedOn: 'date',
  citation: 'object', 'citation.url': 'string',
};

/** v1 required fields per event type, nested ones by dotted path (a record: no type is forgotten). */
const V1_SHAPES: Readonly<Record<RegistryEventType, Shape>> = {
  SourceRegistered: { sourceId: 'string', name: 'string', kind: SOURCE_KINDS, grade: GRADES },
  SourceRegraded: { sourceId: 'string', grade: GRADES, previousGrade: GRADES, reason: 'string', regradedOn: 'date' },
  UseAlleged: {
    incidentId: 'string', occurredFrom: 'date', occurredTo: 'date', reportedOn: 'date', summary: 'string',
    location: 'object', 'location.countryCode': 'string', 'location.placeName': 'string',
    munition: 'object', 'munition.type': 'string', 'munition.delivery': DELIVERIES,
    allegedUser: 'object', 'allegedUser.kind': ALLEGED_USER_KINDS, 'allegedUser.stateCodes': 'array',
    firstCorroboration: 'object', ...prefixed('firstCorroboration.', corroboration),
  },
  IncidentCorrected: { incidentId: 'string', changes: 'object', reason: 'string', correctedOn: 'date' },
  IncidentMergedInto: { incidentId: 'string', canonicalIncidentId: 'string', reason: 'string', mergedOn: 'date' },
  IncidentWithdrawn: { incidentId: 'string', reason: 'string', withdrawnOn: 'date' },
  CorroborationAdded: { incidentId: 'string', ...corroboration },
  CorroborationRetracted: { incidentId: 'string', corroborationId: 'string', reason: 'string', retractedOn: 'date' },
  InvestigationOpened: {
    investigationId: 'string', investigator: 'object', 'investigator.kind': INVESTIGATOR_KINDS, incidentIds: 'array',
    mandate: 'string', openedOn: 'date',
  },
  InvestigationConcluded: { investigationId: 'string', outcome: OUTCOMES, findings: 'string', concludedOn: 'date' },
  StatementRecorded: {
    statementId: 'string', speakers: 'array', kind: STATEMENT_KINDS, venue: VENUES, deliveredOn: 'date',
    incidentIds: 'array', namesUser: 'boolean', quote: 'string', citation: 'object', 'citation.url': 'string',
  },
  StatementCorrected: { statementId: 'string', changes: 'object', reason: 'string', correctedOn: 'date' },
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function at(data: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (isRecord(value) ? value[key] : undefined), data);
}

function fits(value: unknown, shape: FieldShape): boolean {
  if (typeof shape !== 'string') return typeof value === 'string' && shape.includes(value);
  switch (shape) {
    case 'date': return isIsoDate(value);
    case 'array': return Array.isArray(value);
    case 'object': return isRecord(value);
    case 'string':
    case 'boolean': return typeof value === shape;
    default: {
      const _exhaustive: never = shape;
      return _exhaustive;
    }
  }
}

const isKnownType = (type: string): type is RegistryEventType => Object.hasOwn(V1_SHAPES, type);

/**
 * The typed event for a stored one, or null when the type is unknown, the version is newer than this
 * code knows (or not a version at all), or the data lacks a required field. A missing version reads as 1.
 */
export function upcast(type: string, data: unknown, schemaVersion: number | undefined): RegistryEvent | null {
  const version = schemaVersion ?? 1;
  if (!Number.isInteger(version) || version < 1 || version > SCHEMA_VERSION) return null;
  if (!isKnownType(type) || !isRecord(data)) return null;
  const shape = V1_SHAPES[type];
  for (const path of Object.keys(shape)) if (!fits(at(data, path), shape[path])) return null;
  return { type, data } as RegistryEvent;
}
