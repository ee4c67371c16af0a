/**
 * Reading stored events back as typed events. Stored data is read, never rewritten: a later schema
 * version adds a step here. Read models skip (and count) what this returns null for; they never crash.
 */
import {
  ALLEGED_USER_KINDS,
  DELIVERIES,
  GRADES,
  INVESTIGATOR_KINDS,
  OUTCOMES,
  type RegistryEvent,
  type RegistryEventType,
  SCHEMA_VERSION,
  SOURCE_KINDS,
  STANCES,
  STATEMENT_KINDS,
  VENUES,
} from './events';
import { RESOLUTION_KINDS } from './events';

/** What a required field must be: a primitive kind, or one of a list of values. */
type FieldShape = 'string' | 'date' | 'array' | 'object' | 'boolean' | readonly string[];
type Shape = Readonly<Record<string, FieldShape>>;

const prefixed = (prefix: string, shape: Shape): Shape =>
  Object.fromEntries(Object.entries(shape).map(([path, kind]) => [prefix + path, kind]));

const corroboration: Shape = {
  corroborationId: 'string',
  sourceId: 'string',
  stance: STANCES,
  evidenceKinds: 'array',
  publishedOn: 'date',
  // A citation holds a url, stored files or both (issue 16): only the object itself is required.
  citation: 'object',
};

/** v1 required fields per event type, nested ones by dotted path (a record: no type is forgotten). */
const V1_SHAPES: Readonly<Record<RegistryEventType, Shape>> = {
  SourceRegistered: { sourceId: 'string', name: 'string', kind: SOURCE_KINDS, grade: GRADES },
  SourceRegraded: { sourceId: 'string', grade: GRADES, previousGrade: GRADES, reason: 'string', regradedOn: 'date' },
  SourcesMerged: { sourceId: 'string', canonicalSourceId: 'string', reason: 'string', mergedOn: 'date' },
  UseAlleged: {
    incidentId: 'string',
    occurredFrom: 'date',
    occurredTo: 'date',
    reportedOn: 'date',
    summary: 'string',
    location: 'object',
    'location.countryCode': 'string',
    'location.placeName': 'string',
    munition: 'object',
    'munition.type': 'string',
    'munition.delivery': DELIVERIES,
    allegedUser: 'object',
    'allegedUser.kind': ALLEGED_USER_KINDS,
    'allegedUser.stateCodes': 'array',
    firstCorroboration: 'object',
    ...prefixed('firstCorroboration.', corroboration),
  },
  IncidentCorrected: { incidentId: 'string', changes: 'object', reason: 'string', correctedOn: 'date' },
  IncidentMergedInto: { incidentId: 'string', canonicalIncidentId: 'string', reason: 'string', mergedOn: 'date' },
  IncidentWithdrawn: { incidentId: 'string', reason: 'string', withdrawnOn: 'date' },
  CorroborationAdded: { incidentId: 'string', ...corroboration },
  CorroborationRetracted: { incidentId: 'string', corroborationId: 'string', reason: 'string', retractedOn: 'date' },
  InvestigationOpened: {
    investigationId: 'string',
    investigator: 'object',
    'investigator.kind': INVESTIGATOR_KINDS,
    incidentIds: 'array',
    mandate: 'string',
    openedOn: 'date',
  },
  InvestigationConcluded: { investigationId: 'string', outcome: OUTCOMES, findings: 'string', concludedOn: 'date' },
  StatementRecorded: {
    statementId: 'string',
    speakers: 'array',
    kind: STATEMENT_KINDS,
    venue: VENUES,
    deliveredOn: 'date',
    incidentIds: 'array',
    namesUser: 'boolean',
    quote: 'string',
    citation: 'object',
  },
  StatementCorrected: { statementId: 'string', changes: 'object', reason: 'string', correctedOn: 'date' },
  SituationRegistered: {
    situationId: 'string',
    name: 'string',
    countryCodes: 'array',
    allegedUsers: 'array',
    period: 'object',
    'period.from': 'date',
  },
  SituationCorrected: { situationId: 'string', changes: 'object', reason: 'string', correctedOn: 'date' },
  ResolutionVoteRecorded: {
    resolutionId: 'string',
    symbol: 'string',
    title: 'string',
    venue: VENUES,
    adoptedOn: 'date',
    kind: RESOLUTION_KINDS,
    incidentIds: 'array',
    votes: 'array',
  },
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A test of one field's value, chosen once per field rather than switched on per event. */
function valueTest(shape: FieldShape): (value: unknown) => boolean {
  if (typeof shape !== 'string') return (value) => typeof value === 'string' && shape.includes(value);
  switch (shape) {
    case 'date':
      return isIsoDateFast;
    case 'array':
      return Array.isArray;
    case 'object':
      return isRecord;
    case 'string':
      return (value) => typeof value === 'string';
    case 'boolean':
      return (value) => typeof value === 'boolean';
    default: {
      const _exhaustive: never = shape;
      return _exhaustive;
    }
  }
}

/** The check of one required field, its dotted path split once (a non-object on the way fails it). */
function fieldCheck(path: string, shape: FieldShape): (data: Record<string, unknown>) => boolean {
  const test = valueTest(shape);
  const keys = path.split('.');
  if (keys.length === 1) {
    const [key] = keys;
    return (data) => test(data[key]);
  }
  return (data) => {
    let value: unknown = data;
    for (const key of keys) {
      if (!isRecord(value)) return false;
      value = value[key];
    }
    return test(value);
  };
}

interface CompiledShape {
  /** The type's own string: the event carries it (not the store's fresh copy), so later switches compare pointers. */
  type: RegistryEventType;
  checks: ((data: Record<string, unknown>) => boolean)[];
}

/**
 * Every event type's shape compiled once into a list of field checks. A Map: the type read from a store
 * is a fresh string each time, which a Map hashes where a property lookup would first internalize it.
 */
const V1_CHECKS = new Map<string, CompiledShape>(
  Object.entries(V1_SHAPES).map(([type, shape]) => [
    type,
    { type: type as RegistryEventType, checks: Object.entries(shape).map(([path, kind]) => fieldCheck(path, kind)) },
  ]),
);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const isDigit = (s: string, i: number) => {
  const d = digit(s, i);
  return d >= 0 && d <= 9;
};

/**
 * Exactly `isIsoDate` (a real calendar date as YYYY-MM-DD, years from 100 on, as Date.UTC reads them)
 * without a regular expression or a Date: this runs for every date of every event a rebuild reads.
 */
export function isIsoDateFast(value: unknown): boolean {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45)
    return false;
  if (
    !isDigit(value, 0) ||
    !isDigit(value, 1) ||
    !isDigit(value, 2) ||
    !isDigit(value, 3) ||
    !isDigit(value, 5) ||
    !isDigit(value, 6) ||
    !isDigit(value, 8) ||
    !isDigit(value, 9)
  )
    return false;
  const year = digit(value, 0) * 1000 + digit(value, 1) * 100 + digit(value, 2) * 10 + digit(value, 3);
  const month = digit(value, 5) * 10 + digit(value, 6);
  const day = digit(value, 8) * 10 + digit(value, 9);
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

/**
 * The typed event for a stored one, or null when the type is unknown, the version is newer than this
 * code knows (or not a version at all), or the data lacks a required field. A missing version reads as 1.
 */
export function upcast(type: string, data: unknown, schemaVersion: number | undefined): RegistryEvent | null {
  const version = schemaVersion ?? 1;
  if (!Number.isInteger(version) || version < 1 || version > SCHEMA_VERSION) return null;
  const compiled = V1_CHECKS.get(type);
  if (compiled === undefined || !isRecord(data)) return null;
  const checks = compiled.checks;
  for (let i = 0; i < checks.length; i++) if (!checks[i](data)) return null;
  return { type: compiled.type, data } as RegistryEvent;
}
