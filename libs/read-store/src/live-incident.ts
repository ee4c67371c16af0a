import { assessWithHistory } from '@app/domain';
import type {
  Assessment,
  Citation,
  Credibility,
  EvidenceKind,
  Grade,
  IncidentDetails,
  PolicyConfig,
  Stance,
  StatusChange,
} from '@app/domain';
import type { Database } from 'better-sqlite3';
import { keyedRows } from './cut-rows';
import { detailsOf, EvidenceReader, type Version } from './evidence.reader';
import type { IncidentAtCut } from './incidents-at';
import { linkOrder, type Merge } from './link-order';
import {
  type CorroborationFields,
  type CorroborationRow,
  corroborationsSql,
  type FastRow,
  fastSql,
  type LiveStatements,
  shaped,
  statementsOf,
} from './live-incident.queries';

export { ALL_CORROBORATION_FIELDS, type CorroborationFields } from './live-incident.queries';

/** A corroboration as the registry shows it now: its source's name and grade in force, its retraction if any. */
export interface LiveCorroboration {
  corroborationId: string;
  source: { id: string; name: string; grade: Grade | null };
  stance: Stance;
  evidenceKinds: EvidenceKind[];
  publishedOn: string;
  /** Null when not asked (see CorroborationFields), as the summary, grade and retraction may be. */
  citation: Citation | null;
  derivedFrom: string | null;
  summary: string | null;
  credibility: Credibility | null;
  geolocationPrecisionMeters: number | null;
  retractedOn: string | null;
  retractionReason: string | null;
  recordedAt: Date;
}

/** A correction of an incident's details as the registry lists it: the fields it set (their values: the details). */
export interface LiveIncidentCorrection {
  fields: string[];
  reason: string;
  correctedOn: string;
}

/** An incident as the registry shows it now, with its corroborations when they were asked for. */
export interface LiveIncident extends IncidentAtCut {
  corroborations: LiveCorroboration[] | null;
  /** Its stream's revision. */
  revision: number;
  /** Its own corrections, oldest first. */
  corrections: LiveIncidentCorrection[];
}

/** A version row with its evidence date (see fastSql), as JSON. */
type DatedVersion = [...Version, evidenceDate: string];

const correctionsOf = (versions: readonly DatedVersion[]): LiveIncidentCorrection[] =>
  versions
    .filter((v) => v[1] !== null)
    .map(([changes, reason, , correctedOn]) => ({ fields: Object.keys(changes), reason: reason!, correctedOn }));

/**
 * The incident `id` resolves to now (a merged duplicate's id gives its canonical incident), read from the live rows
 * in one read transaction: its details, dates, merges and withdrawal; the assessment and status history the fold
 * stored for it (the policy runs here only for an incident still due to be assessed); its corroborations when
 * those `fields` (null: none), in the order the registry lists them. Null when there is no such incident.
 */
export function liveIncident(
  db: Database,
  id: string,
  policy: PolicyConfig,
  fields: CorroborationFields | null,
): LiveIncident | null {
  const statements = statementsOf(db);
  const row = shaped(db, statements.one, fields, fastSql).get(policy.version, id) as FastRow | undefined;
  if (row === undefined) return null;
  const fast = fastIncident(id, row, fields);
  return fast ?? readIncident(db, id, policy, fields);
}

/**
 * The incident from its one row; null when that row cannot say it all: the id is a merged duplicate, the incident
 * is due to be assessed (or has no stored assessment), or its corroborations were asked and duplicates were merged
 * into it (their order then follows the merges: see linkOrder).
 */
function fastIncident(id: string, row: FastRow, fields: CorroborationFields | null): LiveIncident | null {
  const [mergedInto, reportedOn, recordedAt, versions, merged, withdrawal, due, assessment, history] = row;
  if ((mergedInto !== null && mergedInto !== id) || due !== 0 || assessment === null) return null;
  const mergedDuplicates = JSON.parse(merged) as string[];
  if (fields !== null && mergedDuplicates.length > 0) return null;
  const dated = JSON.parse(versions) as DatedVersion[];
  const details = detailsOf<IncidentDetails>(dated.map(([changes, reason, seq]): Version => [changes, reason, seq]));
  if (details === null) return null;
  const withdrawn = withdrawal === null ? null : (JSON.parse(withdrawal) as [string, string, number]);
  return {
    incidentId: id,
    details,
    reportedOn,
    recordedAt: new Date(recordedAt),
    mergedDuplicates,
    withdrawal: withdrawn && { reason: withdrawn[0], withdrawnOn: withdrawn[1], recordedAt: new Date(withdrawn[2]) },
    assessment: JSON.parse(assessment) as Assessment,
    statusHistory: JSON.parse(history) as StatusChange[],
    corroborations:
      fields !== null ? (JSON.parse(row[9]!) as CorroborationRow[]).map((c) => toCorroboration(c, fields)) : null,
    revision: row[10],
    corrections: correctionsOf(dated),
  };
}

/** `liveIncident` read from the fact tables as the evidence reader reads them, in one read transaction. */
function readIncident(db: Database, id: string, policy: PolicyConfig, fields: CorroborationFields | null) {
  const read = (): LiveIncident | null => {
    const reader = new EvidenceReader(keyedRows(db, 'LIVE'));
    const canonical = reader.resolve(id);
    const incident = canonical === null ? null : reader.read(canonical);
    if (canonical === null || incident === null) return null;
    const { evidence, ...shown } = incident;
    const statements = statementsOf(db);
    const stored = statements.dirty.get(canonical) === undefined ? storedOf(statements, canonical, policy) : null;
    const { assessment, statusHistory } =
      stored ??
      ((r) => ({ assessment: r.assessment, statusHistory: r.history }))(assessWithHistory(evidence(), policy));
    const corroborations =
      fields !== null ? corroborationsOf(db, statements, fields, canonical, shown.mergedDuplicates.length > 0) : null;
    const [revision, versions] = statements.own.get(canonical) as [number, string];
    const corrections = correctionsOf(JSON.parse(versions) as DatedVersion[]);
    return { incidentId: canonical, ...shown, assessment, statusHistory, corroborations, revision, corrections };
  };
  return db.inTransaction ? read() : db.transaction(read)();
}

function storedOf(
  statements: LiveStatements,
  id: string,
  policy: PolicyConfig,
): { assessment: Assessment; statusHistory: StatusChange[] } | null {
  const row = statements.assessment.get(id, policy.version) as [string, string] | undefined;
  if (row === undefined) return null;
  return { assessment: JSON.parse(row[0]) as Assessment, statusHistory: JSON.parse(row[1]) as StatusChange[] };
}

/** The corroborations of the incident and of every duplicate merged into it, in the order the fold linked them. */
function corroborationsOf(
  db: Database,
  statements: LiveStatements,
  fields: CorroborationFields,
  canonical: string,
  merged: boolean,
): LiveCorroboration[] {
  const merges = merged ? (statements.merges.all(canonical) as Merge[]) : [];
  const members = [canonical, ...merges.map((m) => m.duplicate)];
  const rows = shaped(db, statements.corroborations, fields, corroborationsSql).all(
    JSON.stringify(members),
  ) as CorroborationRow[];
  const byId = new Map(rows.map((row) => [row[0], row]));
  // Linked to the incident each was logged against, a merge appending the duplicate's list (see linkOrder).
  const order = merged
    ? linkOrder(
        rows.map((row) => ({ id: row[0], incidentIds: [row[1]], seq: row[2] })),
        merges,
        canonical,
      )
    : rows.map((row) => row[0]);
  return order.map((cid) => toCorroboration(byId.get(cid)!, fields));
}

/** A corroboration row (`CorroborationRow`, any cut's) as the registry shows it, with the `fields` read. */
export function toCorroboration(row: CorroborationRow, fields: CorroborationFields): LiveCorroboration {
  const [corroborationId, , , sourceId, name, grade, stance, kinds, publishedOn, citation, derivedFrom] = row;
  return {
    corroborationId,
    // A source not (yet) registered shows as its id, graded F, as the in-memory model shows it.
    source: { id: sourceId, name: name ?? sourceId, grade: fields.grade ? (grade ?? 'F') : null },
    stance,
    evidenceKinds: JSON.parse(kinds) as EvidenceKind[],
    publishedOn,
    citation: JSON.parse(citation) as Citation,
    derivedFrom,
    summary: row[11],
    credibility: row[12],
    geolocationPrecisionMeters: row[13],
    recordedAt: new Date(row[14]),
    retractedOn: row[15],
    retractionReason: row[16],
  };
}
