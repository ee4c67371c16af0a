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

/**
 * A list as of a cut that SQL walks in key order: most of its rows are found on an index in that order (`base`, the
 * FROM and WHERE of them, with `params`), while the few whose key a correction within the cut changed (`moved`) are
 * read apart and merged in.
 */
export interface KeysetList {
  base: string;
  params: Record<string, unknown>;
  /** Rows as the walk reads them: the key's parts, then the `extra` columns. */
  moved: readonly Row[];
  /** The SQL expression of each part of the key, in sort order (a part may be a constant, such as `''`). */
  keys: readonly string[];
  /** Columns read with the key that the page's nodes are made of. */
  extra?: readonly string[];
}

/** A row of a keyset walk: its key's parts, then its extra columns. */
export type Row = readonly string[];

/**
 * The page `args` asks for of a list in key order (cursors are the keys; `descending` by default or not), as
 * `paginateSorted` pages a list held in memory: SQL walks the index from the cursor and stops after `first + 1`
 * rows, the moved keys are merged in, `hasPreviousPage` asks whether one row lies before the cursor, and the count
 * is one query. `nodesOf` makes the page's nodes of its rows (in order). Runs in one read transaction.
 */
export function keysetPage<T>(
  db: Database,
  list: () => KeysetList,
  args: PageArgs & { descending?: boolean },
  descendingByDefault: boolean,
  nodesOf: (rows: Row[]) => T[],
): Connection<T> {
  const first = pageSize(args);
  const after = args.after ? decodeCursor(args.after) : null;
  const dir = (args.descending ?? descendingByDefault) ? -1 : 1;
  const read = (): Connection<T> => {
    const { base, params, moved, keys, extra = [] } = list();
    const keyOf = (row: Row): SortKey => row.slice(0, keys.length);
    const isAfter = (row: Row) => after === null || dir * compareKeys(keyOf(row), after) > 0;
    const cmp = dir === 1 ? '>' : '<';
    const at: Record<string, string> = Object.fromEntries(keys.map((_, i) => [`k${i}`, after?.[i] ?? '']));
    // The leading range on the first part lets SQLite start the walk at the cursor on the index.
    const afterSql = `(${keys[0]} ${cmp}= @k0 AND ${keys.reduceRight(
      (rest, sql, i) => `(${sql} ${cmp} @k${i}${rest === '' ? '' : ` OR (${sql} = @k${i} AND ${rest})`})`,
      '',
    )})`;
    const order = dir === 1 ? 'ASC' : 'DESC';
    const walked = db
      .prepare(
        `SELECT ${[...keys, ...extra].join(', ')} ${base} ${after ? `AND ${afterSql}` : ''}
         ORDER BY ${keys.map((sql) => `${sql} ${order}`).join(', ')} LIMIT @limit`,
      )
      .raw()
      .all({ ...params, ...at, limit: first + 1 }) as Row[];
    const listed = [...walked, ...moved.filter(isAfter)]
      .sort((a, b) => dir * compareKeys(keyOf(a), keyOf(b)))
      .slice(0, first + 1);
    const page = listed.slice(0, first);
    const before =
      after !== null &&
      (moved.some((k) => !isAfter(k)) ||
        db.prepare(`SELECT 1 ${base} AND NOT ${afterSql} LIMIT 1`).get({ ...params, ...at }) !== undefined);
    const totalCount = (db.prepare(`SELECT count(*) ${base}`).pluck().get(params) as number) + moved.length;
    const nodes = nodesOf(page);
    const edges = page.map((row, i) => ({ cursor: encodeCursor(keyOf(row)), node: nodes[i] }));
    return {
      edges,
      pageInfo: {
        hasNextPage: listed.length > first,
        hasPreviousPage: before,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      totalCount,
    };
  };
  return db.inTransaction ? read() : db.transaction(read)();
}
