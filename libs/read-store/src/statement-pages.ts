import type { IsoDate } from '@app/domain';
import {
  compareKeys,
  type Connection,
  decodeCursor,
  encodeCursor,
  type PageArgs,
  pageSize,
  type SortKey,
} from '@app/projections';
import type { Database } from 'better-sqlite3';
import { type ReadCut, cutParams, kindOf, within } from './cut';
import { incidentResolver } from './incident-resolution';
import { readStatements, type StatementAtCut } from './statements-at';

/** Delivered on or after `from`, on or before `to` (as of the cut). */
export interface DeliveredRange {
  from?: IsoDate;
  to?: IsoDate;
}

/**
 * A page of every statement of a cut (delivered within `range`), ordered, keyed and counted as `listStatements`
 * pages them (`[deliveredOn, statementId, '']`), without reading every statement: the delivery date a statement
 * was recorded with is its version 0's evidence date, walked in order on statement_versions_delivered from the
 * cursor on; the statements whose date a correction within the cut changed (a few) are read apart and merged in.
 * Only the page's statements are read whole.
 */
export function statementPageAt(
  db: Database,
  cut: ReadCut,
  range: DeliveredRange,
  args: PageArgs & { descending?: boolean } = {},
): Connection<StatementAtCut> {
  const first = pageSize(args);
  const after = args.after ? decodeCursor(args.after) : null;
  const dir = args.descending ? -1 : 1;
  const read = () => {
    const { moved, base, params } = cutOf(db, cut, range);
    const isAfter = (key: SortKey) => after === null || dir * compareKeys(key, after) > 0;
    const cmp = dir === 1 ? '>' : '<';
    const key = { k0: after?.[0] ?? '', k1: after?.[1] ?? '', k2: after?.[2] ?? '' };
    const afterSql =
      `v.evidence_date ${cmp}= @k0 AND (v.evidence_date ${cmp} @k0 OR (v.evidence_date = @k0 AND ` +
      `(v.statement_id ${cmp} @k1 OR (v.statement_id = @k1 AND '' ${cmp} @k2))))`;
    const order = dir === 1 ? 'ASC' : 'DESC';
    const walked = db
      .prepare(
        `SELECT v.evidence_date AS d, v.statement_id AS id ${base} ${after ? `AND ${afterSql}` : ''}
         ORDER BY v.evidence_date ${order}, v.statement_id ${order} LIMIT @limit`,
      )
      .all({ ...params, ...key, limit: first + 1 }) as { d: string; id: string }[];
    const keys = [...walked.map((r): SortKey => [r.d, r.id, '']), ...moved.filter(isAfter)]
      .sort((a, b) => dir * compareKeys(a, b))
      .slice(0, first + 1);
    const page = keys.slice(0, first);
    const before =
      after !== null &&
      (moved.some((k) => !isAfter(k)) ||
        db.prepare(`SELECT 1 ${base} AND NOT (${afterSql}) LIMIT 1`).get({ ...params, ...key }) !== undefined);
    const total = (db.prepare(`SELECT count(*) ${base}`).pluck().get(params) as number) + moved.length;
    const ids = JSON.stringify(page.map((k) => k[1]));
    const resolve = incidentResolver(db, cut);
    const byId = new Map<string, StatementAtCut>();
    for (const s of readStatements(db, cut, 'SELECT value AS id FROM json_each(@ids)', { ids }, null)) {
      s.canonicalIncidentIds = [...new Set(s.incidentIds.map(resolve))];
      byId.set(s.statementId, s);
    }
    const edges = page.map((k) => ({ cursor: encodeCursor(k), node: byId.get(k[1]) as StatementAtCut }));
    return {
      edges,
      pageInfo: {
        hasNextPage: keys.length > first,
        hasPreviousPage: before,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      totalCount: total,
    };
  };
  return db.inTransaction ? read() : db.transaction(read)();
}

/**
 * The cut's statements as two parts: `moved`, the keys of those recorded within the cut whose delivery date a
 * correction within the cut changed (the last one stands), in range; `base`, the FROM and WHERE of the others
 * (their version 0 within the cut and in range), for `params`: on the index alone, counting included.
 */
function cutOf(db: Database, cut: ReadCut, range: DeliveredRange) {
  const kind = kindOf(cut);
  const params = { ...cutParams(cut), from: range.from ?? '', to: range.to ?? '' };
  const delivered = new Map<string, string>();
  const corrections = db.prepare(
    `SELECT v.statement_id AS id, json_extract(v.changes, '$.deliveredOn') AS d FROM statement_versions v
     WHERE v.reason IS NOT NULL AND ${within(kind, 'v')} AND json_type(v.changes, '$.deliveredOn') IS NOT NULL
     ORDER BY v.seq`,
  );
  for (const r of corrections.iterate(params) as Iterable<{ id: string; d: string }>) delivered.set(r.id, r.d);
  const movedIds = JSON.stringify([...delivered.keys()]);
  const recorded = new Set(
    db
      .prepare(
        `SELECT v.statement_id FROM statement_versions v WHERE v.reason IS NULL AND ${within(kind, 'v')}
         AND v.statement_id IN (SELECT value FROM json_each(@moved))`,
      )
      .pluck()
      .all({ ...params, moved: movedIds }) as string[],
  );
  const inRange = (d: string) =>
    (range.from === undefined || d >= range.from) && (range.to === undefined || d <= range.to);
  const moved = [...delivered]
    .filter(([id, d]) => recorded.has(id) && inRange(d))
    .map(([id, d]): SortKey => [d, id, '']);
  const base =
    `FROM statement_versions v INDEXED BY statement_versions_delivered WHERE v.reason IS NULL AND ${within(kind, 'v')}
     AND v.statement_id NOT IN (SELECT value FROM json_each(@moved))` +
    (range.from === undefined ? '' : ' AND v.evidence_date >= @from') +
    (range.to === undefined ? '' : ' AND v.evidence_date <= @to');
  return { moved, base, params: { ...params, moved: movedIds } };
}
