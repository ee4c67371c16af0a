import type { IsoDate } from '@app/domain';
import { type Connection, type PageArgs } from '@app/projections';
import { keysetPage, type KeysetList, type Row } from './keyset-page';
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
  const [from, to] = [VERSION_DATES.from('v'), VERSION_DATES.to('v')];
  const list = (): KeysetList => {
    const { moved, base, params } = partsOf(db, cut, filter);
    const rows = moved.map((i): Row => [i.details.occurredFrom, i.incidentId, i.details.occurredTo]);
    return { base, params, moved: rows, keys: [from, 'v.incident_id'], extra: [to] };
  };
  const nodesOf = (rows: Row[]) =>
    rows.map(([occurredFrom, incidentId, occurredTo]) => ({ incidentId, details: { occurredFrom, occurredTo } }));
  return keysetPage(db, list, args, true, nodesOf);
}

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
