import { assessWithHistory } from '@app/domain';
import type {
  Assessment,
  Citation,
  Credibility,
  EvidenceKind,
  Grade,
  PolicyConfig,
  Stance,
  StatusChange,
} from '@app/domain';
import type { Database, Statement } from 'better-sqlite3';
import { keyedRows } from './cut-rows';
import { EvidenceReader } from './evidence.reader';
import type { IncidentAtCut } from './incidents-at';
import { linkOrder, type Merge } from './link-order';

/** A corroboration as the registry shows it now: its source's name and grade in force, its retraction if any. */
export interface LiveCorroboration {
  corroborationId: string;
  source: { id: string; name: string; grade: Grade };
  stance: Stance;
  evidenceKinds: EvidenceKind[];
  publishedOn: string;
  citation: Citation;
  derivedFrom: string | null;
  summary: string;
  credibility: Credibility | null;
  geolocationPrecisionMeters: number | null;
  retractedOn: string | null;
  retractionReason: string | null;
  recordedAt: Date;
}

/** An incident as the registry shows it now, with its corroborations when they were asked for. */
export interface LiveIncident extends IncidentAtCut {
  corroborations: LiveCorroboration[] | null;
}

/** The statements of the live reads, prepared once per database (they are on the path of every `incident(id)`). */
interface LiveStatements {
  assessment: Statement;
  dirty: Statement;
  merges: Statement;
  corroborations: Statement;
}
const prepared = new WeakMap<Database, LiveStatements>();

function statementsOf(db: Database): LiveStatements {
  let found = prepared.get(db);
  if (found === undefined) {
    found = {
      // The history as one JSON array: SQLite writes it, JSON.parse reads it faster than a row object per change.
      assessment: db
        .prepare(
          `SELECT a.assessment,
             (SELECT json_group_array(json_object('status', h.status, 'readiness', h.readiness, 'on', h.on_date,
                'rule', h.rule, 'evidenceIds', json(h.evidence_ids)))
              FROM (SELECT * FROM status_history h WHERE h.incident_id = a.incident_id ORDER BY h.n) h) AS history
           FROM assessments a WHERE a.incident_id = ? AND a.policy_version = ?`,
        )
        .raw(),
      dirty: db.prepare('SELECT 1 FROM dirty_incidents WHERE incident_id = ?').pluck(),
      // Every merge into the incident or, through a chain, into one of its duplicates.
      merges: db.prepare(
        `WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT m.incident_id FROM incident_merges m
           JOIN tree ON m.canonical_incident_id = tree.id)
         SELECT m.incident_id AS duplicate, m.canonical_incident_id AS canonical, m.seq
         FROM incident_merges m WHERE m.canonical_incident_id IN (SELECT id FROM tree) ORDER BY m.seq`,
      ),
      corroborations: db
        .prepare(
          `SELECT c.corroboration_id, c.incident_id, c.seq, c.source_id, s.name,
             (SELECT g.grade FROM source_grades g WHERE g.source_id = c.source_id ORDER BY g.seq DESC LIMIT 1),
             c.stance, c.evidence_kinds, c.published_on, c.citation, c.derived_from, c.summary, c.credibility,
             c.geolocation_precision, c.recorded_at, r.evidence_date, r.reason
           FROM corroborations c LEFT JOIN sources s ON s.source_id = c.source_id
           LEFT JOIN corroboration_retractions r ON r.seq = (SELECT max(x.seq) FROM corroboration_retractions x
             WHERE x.corroboration_id = c.corroboration_id)
           WHERE c.incident_id IN (SELECT value FROM json_each(?)) ORDER BY c.seq`,
        )
        .raw(),
    };
    prepared.set(db, found);
  }
  return found;
}

type CorroborationRow = [
  id: string,
  incidentId: string,
  seq: number,
  sourceId: string,
  name: string | null,
  grade: Grade | null,
  stance: Stance,
  evidenceKinds: string,
  publishedOn: string,
  citation: string,
  derivedFrom: string | null,
  summary: string,
  credibility: Credibility | null,
  precision: number | null,
  recordedAt: number,
  retractedOn: string | null,
  retractionReason: string | null,
];

/**
 * The incident `id` resolves to now (a merged duplicate's id gives its canonical incident), read from the live rows
 * in one read transaction: its details, dates, merges and withdrawal; the assessment and status history the fold
 * stored for it (the policy runs here only for an incident still due to be assessed); its corroborations when
 * `withCorroborations`, in the order the registry lists them. Null when there is no such incident.
 */
export function liveIncident(
  db: Database,
  id: string,
  policy: PolicyConfig,
  withCorroborations: boolean,
): LiveIncident | null {
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
    const corroborations = withCorroborations
      ? corroborationsOf(statements, canonical, shown.mergedDuplicates.length > 0)
      : null;
    return { incidentId: canonical, ...shown, assessment, statusHistory, corroborations };
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
function corroborationsOf(statements: LiveStatements, canonical: string, merged: boolean): LiveCorroboration[] {
  const merges = merged ? (statements.merges.all(canonical) as Merge[]) : [];
  const members = [canonical, ...merges.map((m) => m.duplicate)];
  const rows = statements.corroborations.all(JSON.stringify(members)) as CorroborationRow[];
  const byId = new Map(rows.map((row) => [row[0], row]));
  // Linked to the incident each was logged against, a merge appending the duplicate's list (see linkOrder).
  const order = merged
    ? linkOrder(
        rows.map((row) => ({ id: row[0], incidentIds: [row[1]], seq: row[2] })),
        merges,
        canonical,
      )
    : rows.map((row) => row[0]);
  return order.map((cid) => toCorroboration(byId.get(cid)!));
}

function toCorroboration(row: CorroborationRow): LiveCorroboration {
  const [corroborationId, , , sourceId, name, grade, stance, kinds, publishedOn, citation, derivedFrom] = row;
  return {
    corroborationId,
    // A source not (yet) registered shows as its id, graded F, as the in-memory model shows it.
    source: { id: sourceId, name: name ?? sourceId, grade: grade ?? 'F' },
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
