import type { Database } from 'better-sqlite3';

/**
 * statement_speakers and statement_targets, derived in SQL from the statement_versions rows of a range of the
 * fold (one statement per page instead of one per row: a statement fans out to several rows, and the store
 * holds hundreds of thousands). A version that sets `speakers`, `incidentIds` or `scope` adds that field's
 * rows; `supersede` then closes the rows of the version it replaces, at the replacing version's recording time.
 */
export interface StatementFanOut {
  /** Adds the rows of the versions folded in [from, to]. */
  insert(from: number, to: number): void;
  /** Sets superseded_at on the rows replaced by corrections folded in [from, to] (needs the statement indexes). */
  supersede(from: number, to: number): void;
}

const IN_RANGE = 'v.seq BETWEEN @from AND @to';
const TARGETS: [kind: string, path: string][] = [
  ['INCIDENT', '$.incidentIds'],
  ['SITUATION', '$.scope.situationIds'],
  ['USER', '$.scope.allegedUser.stateCodes'],
];
/** Which field of a version each kind of row comes from: a version that sets the field replaces them all. */
const FIELD_OF: Record<string, string> = {
  speakers: '$.speakers',
  INCIDENT: '$.incidentIds',
  SCOPE: '$.scope',
};

export function statementFanOut(db: Database): StatementFanOut {
  const inserts = [
    db.prepare(`INSERT INTO statement_speakers SELECT DISTINCT v.statement_id, v.seq, j.value, v.evidence_date,
      v.recorded_at, NULL FROM statement_versions v, json_each(v.changes, '$.speakers') j WHERE ${IN_RANGE}`),
    ...TARGETS.map(([kind, path]) =>
      db.prepare(`INSERT INTO statement_targets SELECT DISTINCT v.statement_id, v.seq, '${kind}', j.value,
        v.evidence_date, v.recorded_at, NULL FROM statement_versions v, json_each(v.changes, '${path}') j
        WHERE ${IN_RANGE}`),
    ),
    db.prepare(`INSERT INTO statement_targets SELECT v.statement_id, v.seq, 'USER_NAME',
      json_extract(v.changes, '$.scope.allegedUser.name'), v.evidence_date, v.recorded_at, NULL
      FROM statement_versions v WHERE ${IN_RANGE} AND json_extract(v.changes, '$.scope.allegedUser.name') IS NOT NULL`),
    db.prepare(`INSERT INTO statement_targets SELECT v.statement_id, v.seq, 'GENERIC', '*', v.evidence_date,
      v.recorded_at, NULL FROM statement_versions v WHERE ${IN_RANGE} AND json_extract(v.changes, '$.scope.generic') = 1`),
  ];
  const next = (field: string) => `(SELECT n.recorded_at FROM statement_versions n
      WHERE n.statement_id = r.statement_id AND n.seq > r.seq AND n.reason IS NOT NULL
        AND json_type(n.changes, '${field}') IS NOT NULL ORDER BY n.seq LIMIT 1)`;
  const corrected = `r.statement_id IN (SELECT v.statement_id FROM statement_versions v
      WHERE ${IN_RANGE} AND v.reason IS NOT NULL)`;
  const supersedes = [
    db.prepare(`UPDATE statement_speakers AS r SET superseded_at = ${next(FIELD_OF.speakers)}
      WHERE r.superseded_at IS NULL AND ${corrected}`),
    db.prepare(`UPDATE statement_targets AS r SET superseded_at = ${next(FIELD_OF.INCIDENT)}
      WHERE r.superseded_at IS NULL AND r.kind = 'INCIDENT' AND ${corrected}`),
    db.prepare(`UPDATE statement_targets AS r SET superseded_at = ${next(FIELD_OF.SCOPE)}
      WHERE r.superseded_at IS NULL AND r.kind <> 'INCIDENT' AND ${corrected}`),
  ];
  return {
    insert: (from, to) => inserts.forEach((s) => s.run({ from, to })),
    supersede: (from, to) => supersedes.forEach((s) => s.run({ from, to })),
  };
}
