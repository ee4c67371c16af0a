import type { Database } from 'better-sqlite3';

/**
 * Closes the statement_speakers and statement_targets rows replaced by the corrections folded in [from, to]:
 * a version that sets `speakers`, `incidentIds` or `scope` supersedes that field's rows of the versions before
 * it, at its recording time. Set-based, at the end of a page (the page's rows are written by then) or, for a
 * bulk rebuild, once at the end (it needs the statement indexes).
 */
export type SupersedeStatements = (from: number, to: number) => void;

const IN_RANGE = 'v.seq BETWEEN @from AND @to';

export function supersedeStatements(db: Database): SupersedeStatements {
  const next = (field: string) => `(SELECT n.recorded_at FROM statement_versions n
      WHERE n.statement_id = r.statement_id AND n.seq > r.seq AND n.reason IS NOT NULL
        AND json_type(n.changes, '${field}') IS NOT NULL ORDER BY n.seq LIMIT 1)`;
  // The rows of every version of the statements corrected in the range (found by their versions' seq).
  const corrected = `r.seq IN (SELECT a.seq FROM statement_versions a WHERE a.statement_id IN
      (SELECT v.statement_id FROM statement_versions v WHERE ${IN_RANGE} AND v.reason IS NOT NULL))`;
  const updates = [
    db.prepare(`UPDATE statement_speakers AS r SET superseded_at = ${next('$.speakers')}
      WHERE r.superseded_at IS NULL AND ${corrected}`),
    db.prepare(`UPDATE statement_targets AS r SET superseded_at = ${next('$.incidentIds')}
      WHERE r.superseded_at IS NULL AND +r.field = 'incidentIds' AND ${corrected}`),
    db.prepare(`UPDATE statement_targets AS r SET superseded_at = ${next('$.scope')}
      WHERE r.superseded_at IS NULL AND +r.field = 'scope' AND ${corrected}`),
  ];
  return (from, to) => updates.forEach((update) => update.run({ from, to }));
}
