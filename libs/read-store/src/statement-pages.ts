import type { IsoDate, StatementKind, Venue } from '@app/domain';
import { type Connection, type PageArgs, type SortKey } from '@app/projections';
import { keysetPage, type KeysetList, type Row } from './keyset-page';
import type { Database } from 'better-sqlite3';
import { type ReadCut, cutParams, kindOf, within } from './cut';
import { incidentResolver } from './incident-resolution';
import { readStatements, type StatementAtCut } from './statements-at';

/** What a page keeps, as of the cut: delivered on or after `from`, on or before `to`, of a kind, at a venue. */
export interface StatementPageFilter {
  from?: IsoDate;
  to?: IsoDate;
  kind?: StatementKind | readonly StatementKind[];
  venue?: Venue | readonly Venue[];
}

/**
 * A page of every statement of a cut that `filter` keeps, ordered, keyed and counted as `listStatements` pages
 * them (`[deliveredOn, statementId, '']`), without reading every statement: the delivery date, kind and venue a
 * statement was recorded with are its version 0's (its evidence date is the delivery date), walked in order on an
 * index from the cursor on (statement_versions_delivered, or by kind or venue first when the filter names them);
 * the statements one of whose three a correction within the cut changed (a few) are read apart and merged in.
 * Only the page's statements are read whole.
 */
export function statementPageAt(
  db: Database,
  cut: ReadCut,
  filter: StatementPageFilter,
  args: PageArgs & { descending?: boolean } = {},
): Connection<StatementAtCut> {
  const list = (): KeysetList => ({ ...cutOf(db, cut, filter), keys: ['v.evidence_date', 'v.statement_id', "''"] });
  const nodesOf = (rows: Row[]) => {
    const resolve = incidentResolver(db, cut);
    const byId = new Map<string, StatementAtCut>();
    const ids = JSON.stringify(rows.map((r) => r[1]));
    for (const s of readStatements(db, cut, 'SELECT value AS id FROM json_each(@ids)', { ids }, null)) {
      s.canonicalIncidentIds = [...new Set(s.incidentIds.map(resolve))];
      byId.set(s.statementId, s);
    }
    return rows.map((r) => byId.get(r[1]) as StatementAtCut);
  };
  return keysetPage(db, list, args, false, nodesOf);
}

/** A statement's delivery date, kind and venue, as one version sets them (null: left as they were). */
interface Keys {
  id: string;
  d: string | null;
  k: StatementKind | null;
  ve: Venue | null;
}
const KEYS = (v: string) =>
  `${v}.statement_id AS id, json_extract(${v}.changes, '$.deliveredOn') AS d, json_extract(${v}.changes, '$.kind') AS k,
   json_extract(${v}.changes, '$.venue') AS ve`;

const listOf = <T>(wanted: T | readonly T[] | undefined): readonly T[] | undefined =>
  wanted === undefined ? undefined : Array.isArray(wanted) ? wanted : [wanted as T];

/**
 * The cut's statements as two parts: `moved`, the keys of those recorded within the cut whose delivery date, kind
 * or venue a correction within the cut changed (the last one stands), kept by the filter; `base`, the FROM and
 * WHERE of the others (their version 0 within the cut, kept by the filter), for `params`: on an index alone,
 * counting included (kind and venue are indexed as version 0's JSON gives them).
 */
function cutOf(db: Database, cut: ReadCut, filter: StatementPageFilter) {
  const kind = kindOf(cut);
  const kinds = listOf(filter.kind);
  const venues = listOf(filter.venue);
  const params: Record<string, string | number> = { ...cutParams(cut), from: filter.from ?? '', to: filter.to ?? '' };
  kinds?.forEach((k, i) => (params[`kind${i}`] = k));
  venues?.forEach((v, i) => (params[`venue${i}`] = v));
  const oneOf = (names: readonly string[], column: 'kind' | 'venue') =>
    ` AND json_extract(v.changes, '$.${column}') IN (${names.map((_, i) => `@${column}${i}`).join(', ')})`;
  const corrected = new Map<string, Keys[]>();
  const corrections = db.prepare(
    `SELECT ${KEYS('v')} FROM statement_versions v WHERE v.reason IS NOT NULL AND ${within(kind, 'v')}
     AND (json_type(v.changes, '$.deliveredOn') IS NOT NULL OR json_type(v.changes, '$.kind') IS NOT NULL
       OR json_type(v.changes, '$.venue') IS NOT NULL)
     ORDER BY v.seq`,
  );
  for (const r of corrections.iterate(params) as Iterable<Keys>)
    corrected.set(r.id, [...(corrected.get(r.id) ?? []), r]);
  const movedIds = JSON.stringify([...corrected.keys()]);
  const recorded = db
    .prepare(
      `SELECT ${KEYS('v')}, v.evidence_date AS delivered FROM statement_versions v
       WHERE v.reason IS NULL AND ${within(kind, 'v')} AND v.statement_id IN (SELECT value FROM json_each(@moved))`,
    )
    .all({ ...params, moved: movedIds }) as (Keys & { delivered: string })[];
  const keeps = (d: string, k: StatementKind, ve: Venue) =>
    (filter.from === undefined || d >= filter.from) &&
    (filter.to === undefined || d <= filter.to) &&
    (kinds === undefined || kinds.includes(k)) &&
    (venues === undefined || venues.includes(ve));
  const moved: SortKey[] = [];
  for (const first of recorded) {
    let [d, k, ve] = [first.delivered, first.k!, first.ve!];
    for (const c of corrected.get(first.id)!) [d, k, ve] = [c.d ?? d, c.k ?? k, c.ve ?? ve];
    if (keeps(d, k, ve)) moved.push([d, first.id, '']);
  }
  const index = kinds
    ? 'statement_versions_kind'
    : venues
      ? 'statement_versions_venue'
      : 'statement_versions_delivered';
  const base =
    `FROM statement_versions v INDEXED BY ${index} WHERE v.reason IS NULL AND ${within(kind, 'v')}
     AND v.statement_id NOT IN (SELECT value FROM json_each(@moved))` +
    (filter.from === undefined ? '' : ' AND v.evidence_date >= @from') +
    (filter.to === undefined ? '' : ' AND v.evidence_date <= @to') +
    (kinds === undefined ? '' : oneOf(kinds, 'kind')) +
    (venues === undefined ? '' : oneOf(venues, 'venue'));
  return { moved, base, params: { ...params, moved: movedIds } };
}
