import type { Credibility, Grade, Stance } from '@app/domain';
import type { Database, Statement } from 'better-sqlite3';

/**
 * What of its corroborations an incident is read with (null: none): each part only when a query asks for it. Without
 * their words (citation, summary, retraction reason) they come from the index `corroborations_incident` alone.
 */
export interface CorroborationFields {
  /** Citation, summary and retraction reason. */
  words: boolean;
  /** The date of the retraction in force (and with `words`, its reason). */
  retraction: boolean;
  /** The source's grade in force (its name is always read). */
  grade: boolean;
}
export const ALL_CORROBORATION_FIELDS: CorroborationFields = { words: true, retraction: true, grade: true };

/** The statements of the live reads, prepared once per database and shape (they are on every `incident(id)`'s path). */
export interface LiveStatements {
  /** Everything about one incident in one row, with its own corroborations' `fields` (see fastSql), by shape. */
  one: Map<string, Statement>;
  assessment: Statement;
  dirty: Statement;
  merges: Statement;
  /** The corroborations of a set of incidents, by shape. */
  corroborations: Map<string, Statement>;
  /** An incident's stream revision and versions (with their evidence dates: a correction's is its date). */
  own: Statement;
}
const prepared = new WeakMap<Database, LiveStatements>();

export function statementsOf(db: Database): LiveStatements {
  let found = prepared.get(db);
  if (found === undefined) {
    found = {
      one: new Map(),
      // The history as one JSON array: SQLite writes it, JSON.parse reads it faster than a row object per change.
      assessment: db
        .prepare(`SELECT a.assessment, ${HISTORY} FROM assessments a WHERE a.incident_id = ? AND a.policy_version = ?`)
        .raw(),
      dirty: db.prepare('SELECT 1 FROM dirty_incidents WHERE incident_id = ?').pluck(),
      // Every merge into the incident or, through a chain, into one of its duplicates.
      merges: db.prepare(
        `WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT m.incident_id FROM incident_merges m
           JOIN tree ON m.canonical_incident_id = tree.id)
         SELECT m.incident_id AS duplicate, m.canonical_incident_id AS canonical, m.seq
         FROM incident_merges m WHERE m.canonical_incident_id IN (SELECT id FROM tree) ORDER BY m.seq`,
      ),
      corroborations: new Map(),
      own: db
        .prepare(
          `SELECT i.revision, (SELECT json_group_array(json_array(json(v.changes), v.reason, v.seq, v.evidence_date))
           FROM (SELECT * FROM incident_versions v WHERE v.incident_id = i.incident_id ORDER BY v.seq) v)
         FROM incidents i WHERE i.incident_id = ?`,
        )
        .raw(),
    };
    prepared.set(db, found);
  }
  return found;
}

/** The statement of `sql` for `fields` among `statements`, prepared on first use. */
export function shaped<F extends CorroborationFields | null>(
  db: Database,
  statements: Map<string, Statement>,
  fields: F,
  sql: (fields: F) => string,
): Statement {
  const key = fields === null ? '-' : `${+fields.words}${+fields.retraction}${+fields.grade}`;
  let statement = statements.get(key);
  if (statement === undefined) statements.set(key, (statement = db.prepare(sql(fields)).raw()));
  return statement;
}

/** The stored history of incident `a.incident_id` as one JSON array, in order. */
const HISTORY = `(SELECT json_group_array(json_object('status', h.status, 'readiness', h.readiness, 'on', h.on_date,
    'rule', h.rule, 'evidenceIds', json(h.evidence_ids)))
  FROM (SELECT * FROM status_history h WHERE h.incident_id = a.incident_id ORDER BY h.n) h)`;

/** The columns of the index corroborations_incident: what is read without a table row per corroboration. */
const INDEXED = `c.incident_id, c.seq, c.corroboration_id, c.source_id, c.stance, c.evidence_kinds, c.published_on,
  c.derived_from, c.credibility, c.geolocation_precision, c.recorded_at`;

const GRADE_IN_FORCE =
  '(SELECT g.grade FROM source_grades g WHERE g.source_id = c.source_id ORDER BY g.seq DESC LIMIT 1)';
const lastRetraction = (column: string) =>
  `(SELECT r.${column} FROM corroboration_retractions r WHERE r.corroboration_id = c.corroboration_id
    ORDER BY r.seq DESC LIMIT 1)`;

/** The columns of a corroboration row (see CorroborationRow) of `c` with its source: NULL where not asked. */
const corroborationColumns = ({ words, retraction, grade }: CorroborationFields) =>
  `c.corroboration_id, c.incident_id, c.seq, c.source_id, s.name,
  ${grade ? GRADE_IN_FORCE : 'NULL'},
  c.stance, c.evidence_kinds, c.published_on, ${words ? 'c.citation' : 'NULL'}, c.derived_from,
  ${words ? 'c.summary' : 'NULL'}, c.credibility, c.geolocation_precision, c.recorded_at,
  ${retraction ? lastRetraction('evidence_date') : 'NULL'}, ${retraction && words ? lastRetraction('reason') : 'NULL'}`;
const SOURCE = 'LEFT JOIN sources s ON s.source_id = c.source_id';

export const corroborationsSql = (fields: CorroborationFields) =>
  `SELECT ${corroborationColumns(fields)}
   FROM (SELECT ${fields.words ? '*' : INDEXED} FROM corroborations c
     WHERE c.incident_id IN (SELECT value FROM json_each(?))) c ${SOURCE} ORDER BY c.seq`;

/**
 * One incident now in one row (one statement: one snapshot, no transaction): the incident it was last merged into
 * (if any), its versions, the duplicates merged into it, its last withdrawal, whether it is due to be assessed, its
 * stored assessment and history and the corroborations logged against it (their `fields`), in fold order.
 */
export const fastSql = (fields: CorroborationFields | null) =>
  `SELECT
    (SELECT m.canonical_incident_id FROM incident_merges m WHERE m.incident_id = i.incident_id
      ORDER BY m.seq DESC LIMIT 1),
    i.evidence_date, i.recorded_at,
    (SELECT json_group_array(json_array(json(v.changes), v.reason, v.seq, v.evidence_date))
      FROM (SELECT * FROM incident_versions v WHERE v.incident_id = i.incident_id ORDER BY v.seq) v),
    (SELECT json_group_array(m.incident_id) FROM (SELECT m.incident_id FROM incident_merges m
      WHERE m.canonical_incident_id = i.incident_id
      AND EXISTS (SELECT 1 FROM incidents d WHERE d.incident_id = m.incident_id) ORDER BY m.seq) m),
    (SELECT json_array(w.reason, w.evidence_date, w.recorded_at) FROM incident_withdrawals w
      WHERE w.incident_id = i.incident_id ORDER BY w.seq DESC LIMIT 1),
    EXISTS (SELECT 1 FROM dirty_incidents d WHERE d.incident_id = i.incident_id),
    a.assessment, ${HISTORY},
    ${
      fields === null
        ? 'NULL'
        : `(SELECT json_group_array(json_array(${corroborationColumns(fields)})) FROM
            (SELECT ${fields.words ? '*' : INDEXED} FROM corroborations c WHERE c.incident_id = i.incident_id
              ORDER BY c.seq) c ${SOURCE})`
    },
    i.revision
  FROM incidents i LEFT JOIN assessments a ON a.incident_id = i.incident_id AND a.policy_version = ?
  WHERE i.incident_id = ?`;

export type FastRow = [
  mergedInto: string | null,
  reportedOn: string,
  recordedAt: number,
  versions: string,
  merged: string,
  withdrawal: string | null,
  due: number,
  assessment: string | null,
  history: string,
  corroborations: string | null,
  revision: number,
];

export type CorroborationRow = [
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
