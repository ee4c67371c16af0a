import type { Citation, ResolutionDetails, ResolutionKind, ResolutionVote, StatementScope, Venue } from '@app/domain';
import type { Database } from 'better-sqlite3';
import { type ReadCut, cutParams, kindOf, within } from './cut';

/** A resolution as the registry holds it (recorded once: its revision is always 0). */
export interface ResolutionAtCut extends ResolutionDetails {
  resolutionId: string;
  revision: number;
  recordedAt: Date;
}

interface ResolutionRow {
  resolution_id: string;
  symbol: string;
  title: string;
  venue: Venue;
  kind: ResolutionKind;
  scope: string | null;
  citation: string | null;
  evidence_date: string;
  recorded_at: number;
}

/**
 * Every resolution recorded within the cut (`id`: that one alone), in recording order, with its votes and the
 * incidents it names in the order it gave them.
 */
export function resolutionsAt(db: Database, cut: ReadCut, id?: string): ResolutionAtCut[] {
  const params = { ...cutParams(cut), id: id ?? null };
  const rows = db
    .prepare(
      `SELECT * FROM resolutions r WHERE ${within(kindOf(cut), 'r')} AND (@id IS NULL OR r.resolution_id = @id)
      ORDER BY r.seq`,
    )
    .all(params) as ResolutionRow[];
  if (rows.length === 0) return [];
  const votes = grouped<ResolutionVote>(
    db.prepare(`SELECT v.resolution_id AS key, v.state_code AS stateCode, v.vote FROM resolution_votes v
      WHERE @id IS NULL OR v.resolution_id = @id ORDER BY v.resolution_id, v.n`),
    params,
  );
  const incidents = grouped<{ target: string }>(
    db.prepare(`SELECT t.resolution_id AS key, t.target FROM resolution_targets t
      WHERE t.kind = 'INCIDENT' AND (@id IS NULL OR t.resolution_id = @id) ORDER BY t.resolution_id, t.n`),
    params,
  );
  return rows.map((r) => ({
    resolutionId: r.resolution_id,
    revision: 0,
    symbol: r.symbol,
    title: r.title,
    venue: r.venue,
    adoptedOn: r.evidence_date,
    kind: r.kind,
    incidentIds: (incidents.get(r.resolution_id) ?? []).map((t) => t.target),
    ...(r.scope !== null && { scope: JSON.parse(r.scope) as StatementScope }),
    votes: votes.get(r.resolution_id) ?? [],
    ...(r.citation !== null && { citation: JSON.parse(r.citation) as Citation }),
    recordedAt: new Date(r.recorded_at),
  }));
}

function grouped<T>(statement: { all(params: object): unknown[] }, params: object): Map<string, T[]> {
  const byKey = new Map<string, T[]>();
  for (const { key, ...row } of statement.all(params) as ({ key: string } & T)[]) {
    const list = byKey.get(key) ?? byKey.set(key, []).get(key)!;
    list.push(row as T);
  }
  return byKey;
}
