import type { Database, Statement } from 'better-sqlite3';
import { type CutKind, type ReadCut, cutParams, kindOf, within } from './cut';

/**
 * A query of the evidence as of a cut, written once and read two ways: for one key (`key = @id AND` in front of
 * the cut's clauses) or for every key at once (the whole cut in one statement, rows grouped by key in memory).
 * Both ways run the same text but for that predicate, so one incident and every incident are read alike.
 */
export interface CutQuery {
  /** The column (alias included) naming the key a row belongs to; every query selects it AS key. */
  key: string;
  /** For the whole cut, what narrows the keys read (default: every key within the cut). */
  bulk?: string;
  /** The SQL: `w(alias)` is the cut's clause for a table alias, `where` the key predicate (empty or ending in AND). */
  sql: (w: (alias: string) => string, where: string) => string;
}

/** The rows of a query for one key, as of the cut the reader was made for, in the query's order. */
export type Rows = <T>(query: CutQuery, key: string) => T[];

const keyed = new WeakMap<Database, Map<string, Map<CutQuery, Statement>>>();

/** The query's statement for a kind of cut, prepared once per database: for one key, or for the whole cut. */
function prepared(db: Database, kind: CutKind, query: CutQuery, bulk: boolean): Statement {
  let byMode = keyed.get(db);
  if (!byMode) keyed.set(db, (byMode = new Map<string, Map<CutQuery, Statement>>()));
  const mode = `${kind}:${bulk ? 'bulk' : 'key'}`;
  let statements = byMode.get(mode);
  if (!statements) byMode.set(mode, (statements = new Map<CutQuery, Statement>()));
  let statement = statements.get(query);
  if (!statement) {
    const where = bulk ? (query.bulk === undefined ? '' : `${query.bulk} AND`) : `${query.key} = @id AND`;
    statement = db.prepare(query.sql((alias) => within(kind, alias), where));
    statements.set(query, statement);
  }
  return statement;
}

/** Rows read per key with prepared statements (`key = @id`): one incident, or a few as a live page settles. */
export function keyedRows(db: Database, cut: ReadCut): Rows {
  const kind = kindOf(cut);
  const { day, t } = cutParams(cut);
  return <T>(query: CutQuery, id: string) => prepared(db, kind, query, false).all({ day, t, id }) as T[];
}

/**
 * Rows read for the whole cut: each query runs once, on first use, and its rows are grouped by key in memory.
 * Valid while the tables do not change (one call, or one transaction).
 */
export class BulkRows {
  private readonly kind: CutKind;
  private readonly params: { day: string; t: number };
  private readonly grouped = new Map<CutQuery, Map<string, unknown[]>>();

  constructor(
    private readonly db: Database,
    cut: ReadCut,
  ) {
    this.kind = kindOf(cut);
    this.params = cutParams(cut);
  }

  private groups(query: CutQuery): Map<string, unknown[]> {
    let byKey = this.grouped.get(query);
    if (!byKey) {
      byKey = new Map<string, unknown[]>();
      for (const row of prepared(this.db, this.kind, query, true).iterate(this.params) as Iterable<{ key: string }>) {
        const list = byKey.get(row.key);
        if (list) list.push(row);
        else byKey.set(row.key, [row]);
      }
      this.grouped.set(query, byKey);
    }
    return byKey;
  }

  readonly rows: Rows = <T>(query: CutQuery, id: string) => (this.groups(query).get(id) ?? NONE) as T[];

  /** Every key the query has rows for within the cut, in the order of its first row. */
  keys(query: CutQuery): string[] {
    return [...this.groups(query).keys()];
  }
}

const NONE: unknown[] = [];
