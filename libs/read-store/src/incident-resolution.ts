import type { Database } from 'better-sqlite3';
import { type ReadCut, cutParams, kindOf, within } from './cut';
import { keyedRows, type Rows } from './cut-rows';
import { EVIDENCE } from './evidence.queries';

/**
 * An incident id as the registry resolved it at the cut, as the replay's `resolveIncidentId` does: merges of an
 * incident that existed then, followed even into one that did not (a merge dated before its canonical incident).
 * Answers are kept for the resolver's life (one read over unchanged tables). `rows`: one key at a time, or the
 * cut's rows read once (`BulkRows`) when most ids are asked.
 */
export function incidentResolver(db: Database, cut: ReadCut, rows: Rows = keyedRows(db, cut)): (id: string) => string {
  const canonicalOf = (id: string): string | null =>
    rows<{ canonical: string | null }>(EVIDENCE.incident, id).at(0)?.canonical ?? null;
  const known = new Map<string, string>();
  return (id: string): string => {
    const kept = known.get(id);
    if (kept !== undefined) return kept;
    let current = id;
    for (let i = 0; i < 64; i++) {
      const next = canonicalOf(current);
      if (next === null || next === current) break;
      current = next;
    }
    known.set(id, current);
    return current;
  };
}

/** The incident an id resolves to at the cut, whether it existed then, and every id that resolves to it. */
export function incidentMembers(
  db: Database,
  cut: ReadCut,
  resolve: (id: string) => string,
  id: string,
): { exists: boolean; members: Set<string> } {
  const canonical = resolve(id);
  const params = cutParams(cut);
  const kind = kindOf(cut);
  const merged = db
    .prepare(`SELECT m.incident_id FROM incident_merges m WHERE m.canonical_incident_id = @id AND ${within(kind, 'm')}`)
    .pluck();
  const members = [canonical];
  for (let i = 0; i < members.length; i++) {
    for (const d of merged.all({ ...params, id: members[i] }) as string[]) {
      if (!members.includes(d) && resolve(d) === canonical) members.push(d);
    }
  }
  const exists = keyedRows(db, cut)(EVIDENCE.incident, canonical).length > 0;
  return { exists, members: new Set(members) };
}
