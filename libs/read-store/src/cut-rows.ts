import type { Database, Statement } from 'better-sqlite3';
import { type CutKind, type ReadCut, cutParams, kindOf, within } from './cut';

/**
 * A query of the evidence as of a cut, written once and read three ways: for one key (`key = @id AND` in front of
 * the cut's clauses), for a set of keys (a page of incidents) or for every key at once (the whole cut in one
 * statement); a set or the cut in one statement, rows grouped by key in memory. Every way runs the same text but
 * for that predicate, so one incident, a page and every incident are read alike.
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

type Mode = 'key' | 'keys' | 'bulk';

/** The key predicate of each way to read a query: one key, a set of keys (a JSON array), every key of the cut. */
const WHERE: Record<Mode, (query: CutQuery) => string> = {
  key: (query) => `${query.key} = @id AND`,
  keys: (query) => `${query.key} IN (SELECT value FROM json_each(@keys)) AND`,
  bulk: (query) => (query.bulk === undefined ? '' : `${query.bulk} AND`),
};

/** The query's statement for a kind of cut and a way to read it, prepared once per database. */
function prepared(db: Database, kind: CutKind, query: CutQuery, how: Mode): Statement {
  let byMode = keyed.get(db);
  if (!byMode) keyed.set(db, (byMode = new Map<string, Map<CutQuery, Statement>>()));
  const mode = `${kind}:${how}`;
  let statements = byMode.get(mode);
  if (!statements) byMode.set(mode, (statements = new Map<CutQuery, Statement>()));
  let statement = statements.get(query);
  if (!statement) {
    statement = db.prepare(query.sql((alias) => within(kind, alias), WHERE[how](query)));
    statements.set(query, statement);
  }
  return statement;
}

/** Rows read per key with prepared statements (`key = @id`): one incident, or a few as a live page settles. */
export function keyedRows(db: Database, cut: ReadCut): Rows {
  const kind = kindOf(cut);
  const { day, t } = cutParams(cut);
  return <T>(query: CutQuery, id: string) => prepared(db, kind, query, 'key').all({ day, t, id }) as T[];
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
      groupInto(byKey, prepared(this.db, this.kind, query, 'bulk').iterate(this.params) as Iterable<{ key: string }>);
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

/**
 * Rows read for a set of keys (a page of incidents): each query runs once, on first use, for every key of the set
 * (`key IN` the set), its rows grouped by key in memory; a key outside the set (a merged duplicate, a statement,
 * a source) is read alone, as `keyedRows` reads it. Valid while the tables do not change (one transaction).
 */
export class KeySetRows {
  private readonly kind: CutKind;
  private readonly params: { day: string; t: number; keys: string };
  private readonly set: ReadonlySet<string>;
  private readonly grouped = new Map<CutQuery, Map<string, unknown[]>>();
  private readonly one: Rows;

  constructor(
    private readonly db: Database,
    cut: ReadCut,
    keys: readonly string[],
  ) {
    this.kind = kindOf(cut);
    this.set = new Set(keys);
    this.params = { ...cutParams(cut), keys: JSON.stringify([...this.set]) };
    this.one = keyedRows(db, cut);
  }

  readonly rows: Rows = <T>(query: CutQuery, id: string): T[] => {
    if (!this.set.has(id)) return this.one<T>(query, id);
    let byKey = this.grouped.get(query);
    if (!byKey) {
      byKey = new Map<string, unknown[]>();
      groupInto(byKey, prepared(this.db, this.kind, query, 'keys').iterate(this.params) as Iterable<{ key: string }>);
      this.grouped.set(query, byKey);
    }
    return (byKey.get(id) ?? NONE) as T[];
  };
}

/** Rows grouped by their key, each key's rows in the query's order. */
function groupInto(byKey: Map<string, unknown[]>, rows: Iterable<{ key: string }>): void {
  for (const row of rows) {
    const list = byKey.get(row.key);
    if (list) list.push(row);
    else byKey.set(row.key, [row]);
  }
}

const NONE: unknown[] = [];
