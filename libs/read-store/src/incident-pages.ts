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
import { KeySetRows } from './cut-rows';
import { canonicalAt, EVIDENCE } from './evidence.queries';
import { EvidenceReader } from './evidence.reader';
import { type IncidentDatedAt, datedAt } from './incidents-at';
import { VERSION_DATES } from './schema';

/** What a page sorted by date may be filtered by: the incidents whose occurrence overlaps [from, to]. */
export interface IncidentDateFilter {
  occurredFrom?: IsoDate;
  occurredTo?: IsoDate;
}

/**
 * A page of the canonical incidents of a cut (as `incidentsShownAt` lists them) sorted by date, ordered, keyed,
 * filtered and counted as `listIncidents` pages them (`[occurredFrom, incidentId]`, newest first unless
 * `descending` is false), without reading every incident: SQL walks the dates index (version 0's dates, in their
 * order) from the cursor on and stops after the page, keeping the incidents canonical at the cut (`canonicalAt`);
 * the incidents whose dates a correction within the cut set (a few, if any) are read apart, with their versions
 * laid over each other (`datedAt`), and merged in. The count is one query over the same index.
 */
export function incidentPageAt(
  db: Database,
  cut: ReadCut,
  filter: IncidentDateFilter,
  args: PageArgs & { descending?: boolean } = {},
): Connection<IncidentDatedAt> {
  const first = pageSize(args);
  const after = args.after ? decodeCursor(args.after) : null;
  const dir = (args.descending ?? true) ? -1 : 1;
  const read = (): Connection<IncidentDatedAt> => {
    const { moved, base, params } = partsOf(db, cut, filter);
    const isAfter = (i: IncidentDatedAt) => after === null || dir * compareKeys(keyOf(i), after) > 0;
    const cmp = dir === 1 ? '>' : '<';
    const [from, to] = [VERSION_DATES.from('v'), VERSION_DATES.to('v')];
    const key = { k0: after?.[0] ?? '', k1: after?.[1] ?? '' };
    const afterSql = `${from} ${cmp}= @k0 AND (${from} ${cmp} @k0 OR v.incident_id ${cmp} @k1)`;
    const order = dir === 1 ? 'ASC' : 'DESC';
    const walked = db
      .prepare(
        `SELECT v.incident_id AS incidentId, ${from} AS occurredFrom, ${to} AS occurredTo
         ${base} ${after ? `AND ${afterSql}` : ''} ORDER BY ${from} ${order}, v.incident_id ${order} LIMIT @limit`,
      )
      .all({ ...params, ...key, limit: first + 1 }) as {
      incidentId: string;
      occurredFrom: IsoDate;
      occurredTo: IsoDate;
    }[];
    const listed = [...walked.map(({ incidentId, ...details }) => ({ incidentId, details })), ...moved.filter(isAfter)]
      .sort((a, b) => dir * compareKeys(keyOf(a), keyOf(b)))
      .slice(0, first + 1);
    const page = listed.slice(0, first);
    const before =
      after !== null &&
      (moved.some((i) => !isAfter(i)) ||
        db.prepare(`SELECT 1 ${base} AND NOT (${afterSql}) LIMIT 1`).get({ ...params, ...key }) !== undefined);
    const total = (db.prepare(`SELECT count(*) ${base}`).pluck().get(params) as number) + moved.length;
    const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
    return {
      edges,
      pageInfo: {
        hasNextPage: listed.length > first,
        hasPreviousPage: before,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      totalCount: total,
    };
  };
  return db.inTransaction ? read() : db.transaction(read)();
}

/** The key `listIncidents` sorts by date with. */
const keyOf = (i: IncidentDatedAt): SortKey => [i.details.occurredFrom, i.incidentId];

/**
 * The cut's canonical incidents the filter keeps, as two parts: `moved`, those whose dates a correction within the
 * cut set (read whole: `datedAt`); `base`, the FROM and WHERE of the others (their
 * version 0 within the cut, canonical then, kept by the filter), for `params`: a walk of the dates index.
 */
function partsOf(db: Database, cut: ReadCut, filter: IncidentDateFilter) {
  const kind = kindOf(cut);
  const w = (alias: string) => within(kind, alias);
  const params = { ...cutParams(cut), from: filter.occurredFrom ?? '', to: filter.occurredTo ?? '' };
  const ids = db
    .prepare(
      `SELECT DISTINCT v.incident_id FROM incident_versions v
       WHERE v.reason IS NOT NULL AND ${VERSION_DATES.setsOne('v')} AND ${w('v')}`,
    )
    .pluck()
    .all(params) as string[];
  const reader = new EvidenceReader(new KeySetRows(db, cut, ids).rows, undefined, EVIDENCE.dates);
  const keeps = ({ details: d }: IncidentDatedAt) =>
    (filter.occurredFrom === undefined || d.occurredTo >= filter.occurredFrom) &&
    (filter.occurredTo === undefined || d.occurredFrom <= filter.occurredTo);
  const moved = ids.flatMap((id) => datedAt(reader, id) ?? []).filter(keeps);
  const base =
    `FROM incident_versions v INDEXED BY incident_versions_dates WHERE v.reason IS NULL AND ${w('v')}
     AND v.incident_id NOT IN (SELECT value FROM json_each(@moved)) AND ${canonicalAt(w, 'v.incident_id')}` +
    (filter.occurredFrom === undefined ? '' : ` AND ${VERSION_DATES.to('v')} >= @from`) +
    (filter.occurredTo === undefined ? '' : ` AND ${VERSION_DATES.from('v')} <= @to`);
  return { moved, base, params: { ...params, moved: JSON.stringify(ids) } };
}
