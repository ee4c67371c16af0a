import type { Connection, PageArgs, SortKey, StatementFilter } from '@app/projections';
import type { Database } from 'better-sqlite3';
import { incidentMembers, incidentResolver } from './incident-resolution';
import { keysetPage, type KeysetList, type Row } from './keyset-page';
import { KEYED_CORRECTION } from './schema';
import { pageStatements, readStatements, type StatementAtCut, statementKept } from './statements-at';

const listOf = <T>(wanted: T | readonly T[] | undefined): readonly T[] | undefined =>
  wanted === undefined ? undefined : Array.isArray(wanted) ? wanted : [wanted as T];

/**
 * A page of the statements by a State (or several) or about an incident now (or both), ordered, keyed and counted as
 * `listStatements` pages them over the live model (`[deliveredOn, statementId, speaker or '']`), without reading
 * them all: a statement no correction moved (none set its delivery date, kind, venue, speakers or incidents) is
 * listed by the rows version 0 fanned out, whose evidence date is its delivery date, so SQL walks the State's
 * speaker rows or the incident's target rows in force in key order from the cursor (statement_speakers_live,
 * statement_targets_live), `first + 1` of them, and counts them on the same index; the few statements such a
 * correction changed are read whole, kept by the same test as `statementNodesAt`, and merged in. Only the page's
 * statements are read whole. Null for a filter by neither State nor incident (see statementPageAt).
 */
export function liveStatementPage(
  db: Database,
  filter: StatementFilter,
  args: PageArgs & { descending?: boolean } = {},
): Connection<StatementAtCut> | null {
  if (filter.stateCode === undefined && filter.incidentId === undefined) return null;
  const read = () => {
    const resolve = incidentResolver(db, 'LIVE');
    const incident =
      filter.incidentId === undefined ? undefined : incidentMembers(db, 'LIVE', resolve, filter.incidentId);
    // As the replay lists an incident's statements: none for an incident that does not exist; none of no States,
    // kinds or venues (an empty list keeps nothing).
    const none = [filter.stateCode, filter.kind, filter.venue].some((f) => Array.isArray(f) && f.length === 0);
    if (none || (incident !== undefined && !incident.exists && filter.stateCode === undefined)) {
      return pageStatements([], args);
    }
    const nodesOf = (rows: Row[]) => {
      const ids = JSON.stringify([...new Set(rows.map((r) => r[1]))]);
      const byId = new Map<string, StatementAtCut>();
      for (const s of readStatements(db, 'LIVE', 'SELECT value AS id FROM json_each(@ids)', { ids }, null)) {
        byId.set(s.statementId, { ...s, canonicalIncidentIds: [...new Set(s.incidentIds.map(resolve))] });
      }
      // A joint statement may stand twice in a page, once per co-signer asked for.
      return rows.map((r) => ({ ...(byId.get(r[1]) as StatementAtCut), speaker: r[2] === '' ? null : r[2] }));
    };
    return keysetPage(db, () => walkOf(db, filter, incident?.members), args, false, nodesOf);
  };
  return db.inTransaction ? read() : db.transaction(read)();
}

/** The list as a keyset walk: `base` over the unmoved statements' rows, `moved` the keys of the others it keeps. */
function walkOf(db: Database, filter: StatementFilter, incident: ReadonlySet<string> | undefined): KeysetList {
  const codes =
    filter.stateCode === undefined ? undefined : [...new Set(listOf(filter.stateCode)!.map((c) => c.toUpperCase()))];
  const members = incident === undefined ? undefined : [...incident];
  const kinds = listOf(filter.kind);
  const venues = listOf(filter.venue);
  const params: Record<string, unknown> = { from: filter.from ?? '', to: filter.to ?? '' };
  const named = (prefix: string, values: readonly string[]) =>
    values.map((value, i) => ((params[`${prefix}${i}`] = value), `@${prefix}${i}`)).join(', ');

  // Every statement a correction moved is read whole (a few percent of corrections at most: none in the benchmark's).
  const movedIds = db
    .prepare(`SELECT DISTINCT v.statement_id FROM statement_versions v WHERE ${KEYED_CORRECTION('v')}`)
    .pluck()
    .all() as string[];
  params.moved = JSON.stringify(movedIds);
  const moved: SortKey[] = [];
  const read = readStatements(db, 'LIVE', 'SELECT value AS id FROM json_each(@moved)', params, null);
  for (const s of read.filter((s) => statementKept(s, filter, incident))) {
    for (const code of codes ?? ['']) {
      if (code === '' || s.speakers.includes(code)) moved.push([s.deliveredOn, s.statementId, code]);
    }
  }

  // By State, the speaker rows; by incident alone, the target rows (a statement naming two of its members once).
  const byState = codes !== undefined;
  const alias = byState ? 'r' : 't';
  let base = byState
    ? `FROM statement_speakers r INDEXED BY statement_speakers_live
       WHERE r.state_code IN (${named('code', codes)}) AND r.superseded_at IS NULL`
    : `FROM statement_targets t INDEXED BY statement_targets_live
       WHERE t.kind = 'INCIDENT' AND t.target IN (${named('member', members!)}) AND t.superseded_at IS NULL`;
  base += ` AND ${alias}.statement_id NOT IN (SELECT value FROM json_each(@moved))`;
  if (members !== undefined && byState) {
    base += ` AND r.statement_id IN (SELECT t.statement_id FROM statement_targets t INDEXED BY statement_targets_live
      WHERE t.kind = 'INCIDENT' AND t.target IN (${named('member', members)}) AND t.superseded_at IS NULL)`;
  } else if (members !== undefined && members.length > 1) {
    // Version 0's rows of one statement share its delivery date: the lookup is a seek on the index.
    base += ` AND NOT EXISTS (SELECT 1 FROM statement_targets d INDEXED BY statement_targets_live
      WHERE d.kind = 'INCIDENT' AND d.target IN (${named('member', members)}) AND d.superseded_at IS NULL
      AND d.evidence_date = t.evidence_date AND d.statement_id = t.statement_id AND d.target < t.target)`;
  }
  if (filter.from !== undefined) base += ` AND ${alias}.evidence_date >= @from`;
  if (filter.to !== undefined) base += ` AND ${alias}.evidence_date <= @to`;
  // Kind and venue as version 0 gave them: the row's own version (a row of an unmoved statement is version 0's).
  const ofVersion = (field: string) =>
    `(SELECT json_extract(v.changes, '$.${field}') FROM statement_versions v WHERE v.seq = ${alias}.seq)`;
  if (kinds !== undefined) base += ` AND ${ofVersion('kind')} IN (${named('kind', kinds)})`;
  if (venues !== undefined) base += ` AND ${ofVersion('venue')} IN (${named('venue', venues)})`;
  const keys = [`${alias}.evidence_date`, `${alias}.statement_id`, byState ? 'r.state_code' : "''"];
  return { base, params, moved, keys };
}
