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
}

/** Bounds read through a reader's rows, each key's once (valid while the tables do not change, as the rows). */
export class BoundsReader {
  private readonly cache = new Map<CutQuery, Map<string, BoundRow[]>>();

  constructor(private readonly rows: Rows) {}

  of(touched: Touched): Bounds {
    const bounds: Bounds = { latestEvidenceDate: null, latestRecordedAt: 0 };
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
        }
      }
    }
    return bounds;
  }
}
