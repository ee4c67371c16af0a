import { type ReadCut, cutParams } from './cut';
import type { CutQuery, Rows } from './cut-rows';
import type { EvidenceQuery } from './evidence.queries';

/**
 * The latest evidence date (null: no row dated) and recording time (ms) over every row the live reading of an
 * incident touched: the rows in force, the ones they superseded or were superseded by, its merged duplicates',
 * its sources' (grades, merges, parents) and the statements it may read. Stored with its live assessment.
 */
export interface Bounds {
  latestEvidenceDate: string | null;
  latestRecordedAt: number;
  /**
   * The latest evidence date (null: none) of the touched rows that change what an earlier fact says in a way the
   * policy's own cut by date (`cutEvidence`) cannot undo: merges, corrections (with every version of what they
   * correct), an investigation's conclusions when it has more than one. A KNOWN cut on or after it reads every fact
   * dated by then as the live reading does, and nothing dated later: the policy's status on each evidence date,
   * stored with the assessment, is then the status as of the cut up to its day.
   */
  latestRewriteDate: string | null;
}

/**
 * Whether every row bounded lies within the cut. Then a cut reads the very rows the live reading read (each
 * evidence query reads the rows of its keys within the cut, and picks the last where it picks one: the live one),
 * so the evidence, the details and the merges as of the cut are the live ones, and so is the stored assessment
 * (the policy is pure). KNOWN: `within` is `evidence_date IS NULL OR evidence_date <= day`, and an undated row is
 * within every cut; RECORDED: `recorded_at <= t`, and a row that superseded another is a row of its own, bounded.
 * As `inForce` and `fieldInForce` read versions: with every version of a key within the cut, the last is in force.
 */
export function boundsWithin(cut: ReadCut, bounds: Bounds): boolean {
  if (cut === 'LIVE') return true;
  const { day, t } = cutParams(cut);
  return cut.clock === 'KNOWN'
    ? bounds.latestEvidenceDate === null || bounds.latestEvidenceDate <= day
    : bounds.latestRecordedAt <= t;
}

/**
 * Whether the statuses on each evidence date stored with a live assessment give its status at the cut up to the
 * cut's day: a KNOWN cut on or after every rewrite the live reading touched (see `Bounds.latestRewriteDate`). Every
 * fact it reads is then the live one dated by the day, and the policy's status on a day is a function of those
 * alone (`cutEvidence`). A RECORDED cut on or after them too, when it reads what the KNOWN cut on its day reads
 * (on a day outside the lag windows: `lagWindowOn`).
 */
export function rewritesWithin(cut: ReadCut, bounds: Bounds): boolean {
  if (cut === 'LIVE') return false;
  return bounds.latestRewriteDate === null || bounds.latestRewriteDate <= cutParams(cut).day;
}

/**
 * The days, from one to another inclusive, on which a RECORDED cut and the KNOWN cut on its day may read different
 * rows of a reading: a touched row's window runs from the earlier of its evidence date and the day it was recorded
 * to the later ('' for a row with no date: every day before its recording). On a day outside every window, each
 * touched row lies within both cuts or neither (dated by the day exactly when recorded by its end, and by the cut's
 * instant: recorded on an earlier day), so the RECORDED cut reads what the KNOWN cut reads. Stored with the live
 * assessment, merged and in order.
 */
export type LagWindow = [from: string, to: string];

/**
 * The lag window (see `LagWindow`) on `day`, if any: outside every window a RECORDED cut on that day reads each row
 * of a stored reading as the KNOWN cut on the day does, so what holds of that KNOWN cut (`rewritesWithin`) holds of
 * it; inside one, it reads those dated before the window's start as live.
 */
export function lagWindowOn(day: string, windows: readonly LagWindow[]): LagWindow | undefined {
  for (const window of windows) {
    if (window[0] > day) return undefined;
    if (window[1] >= day) return window;
  }
  return undefined;
}

/** The keys a reading touched, per query that bounds them (`EvidenceQuery.touched`). */
export class Touched {
  readonly keys = new Map<CutQuery, Set<string>>();

  add(query: EvidenceQuery, key: string): void {
    if (query.touched === null) return;
    let keys = this.keys.get(query.touched);
    if (!keys) this.keys.set(query.touched, (keys = new Set<string>()));
    keys.add(key);
  }
}

interface BoundRow {
  evidence_date: string | null;
  recorded_at: number;
  rewrite_date: string | null;
  /** Each row's evidence date and recording day, as `latest` lists them. */
  lags: string;
}

/** What a stored reading is bounded by: its bounds, and its rows' lag windows. */
export interface ReadingBounds extends Bounds {
  lagWindows: LagWindow[];
}

/** Bounds read through a reader's rows, each key's once (valid while the tables do not change, as the rows). */
export class BoundsReader {
  private readonly cache = new Map<CutQuery, Map<string, BoundRow[]>>();

  constructor(private readonly rows: Rows) {}

  of(touched: Touched): ReadingBounds {
    const bounds: Bounds = { latestEvidenceDate: null, latestRecordedAt: 0, latestRewriteDate: null };
    const windows: LagWindow[] = [];
    for (const [query, keys] of touched.keys) {
      let byKey = this.cache.get(query);
      if (!byKey) this.cache.set(query, (byKey = new Map<string, BoundRow[]>()));
      for (const key of keys) {
        let rows = byKey.get(key);
        if (!rows) byKey.set(key, (rows = this.rows<BoundRow>(query, key)));
        for (const row of rows) {
          const date = row.evidence_date;
          if (date !== null && (bounds.latestEvidenceDate === null || date > bounds.latestEvidenceDate)) {
            bounds.latestEvidenceDate = date;
          }
          if (row.recorded_at > bounds.latestRecordedAt) bounds.latestRecordedAt = row.recorded_at;
          const rewrite = row.rewrite_date;
          // Every bounding query must say which of its rows are rewrites, even none: a query that forgot would
          // let the statuses stand for cuts they do not hold at.
          if (rewrite === undefined) throw new Error(`a bounding query selects no rewrite_date: ${query.key}`);
          if (rewrite !== null && (bounds.latestRewriteDate === null || rewrite > bounds.latestRewriteDate)) {
            bounds.latestRewriteDate = rewrite;
          }
          // And their lag windows: a query that forgot would let a RECORDED cut read statuses that do not hold.
          if (row.lags === undefined) throw new Error(`a bounding query selects no lags: ${query.key}`);
          windowsInto(windows, row.lags);
        }
      }
    }
    return { ...bounds, lagWindows: merged(windows) };
  }
}

/** Each row's window of a `lags` list (see `latest` in evidence.queries), a LEFT JOIN's missing row left out. */
function windowsInto(windows: LagWindow[], lags: string): void {
  for (const pairs of JSON.parse(lags) as (string | null)[][]) {
    for (let i = 0; i < pairs.length; i += 2) {
      const [date, day] = [pairs[i], pairs[i + 1]];
      if (day === null) continue;
      windows.push(date === null ? ['', day] : date < day ? [date, day] : [day, date]);
    }
  }
}

/** The windows in order, those that share a day made one. */
function merged(windows: LagWindow[]): LagWindow[] {
  windows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: LagWindow[] = [];
  for (const w of windows) {
    const last = out.at(-1);
    if (last !== undefined && w[0] <= last[1]) {
      if (w[1] > last[1]) last[1] = w[1];
    } else out.push([w[0], w[1]]);
  }
  return out;
}
