import type { Database } from 'better-sqlite3';
import { incidentStream, investigationStream, resolutionStream, sourceStream, statementStream } from '@app/domain';
import { incidentResolver } from './incident-resolution';

/**
 * The streams one incident is folded from, as the fold links them now: its own and its merged duplicates' (and
 * theirs), its corroborations' sources', its investigations', and the streams of every statement that ever named
 * it (in any version of `incidentIds`). `covering` adds every statement that ever had a scope beyond incidents and
 * every resolution: what its referring statements and resolutions read. The canonical id is the one `id` resolves to
 * now; null when no incident has this id. A replay of these streams alone (in store order) shows the incident as a
 * replay of the whole store does, for bounded work: its audit trail, its status changes with their causes.
 */
export function incidentStreams(
  db: Database,
  id: string,
  covering: boolean,
): { canonicalId: string; streams: string[] } | null {
  const read = () => {
    const canonicalId = incidentResolver(db, 'LIVE')(id);
    const exists = db.prepare('SELECT 1 FROM incidents WHERE incident_id = ?').pluck();
    if (exists.get(canonicalId) === undefined) return null;
    const duplicates = db.prepare('SELECT incident_id FROM incident_merges WHERE canonical_incident_id = ?').pluck();
    const sources = db.prepare('SELECT DISTINCT source_id FROM corroborations WHERE incident_id = ?').pluck();
    const investigations = db
      .prepare('SELECT investigation_id FROM investigation_incidents WHERE incident_id = ?')
      .pluck();
    const statements = db
      .prepare("SELECT DISTINCT statement_id FROM statement_targets WHERE kind = 'INCIDENT' AND target = ?")
      .pluck();
    const streams = new Set<string>();
    const members = [canonicalId];
    for (let i = 0; i < members.length; i++) {
      const member = members[i];
      streams.add(incidentStream(member));
      for (const d of duplicates.all(member) as string[]) if (!members.includes(d)) members.push(d);
      for (const s of sources.all(member) as string[]) streams.add(sourceStream(s));
      for (const v of investigations.all(member) as string[]) streams.add(investigationStream(v));
      for (const s of statements.all(member) as string[]) streams.add(statementStream(s));
    }
    if (covering) {
      const scoped = db.prepare("SELECT DISTINCT statement_id FROM statement_targets WHERE kind <> 'INCIDENT'").pluck();
      for (const s of scoped.all() as string[]) streams.add(statementStream(s));
      for (const r of db.prepare('SELECT resolution_id FROM resolutions').pluck().all() as string[])
        streams.add(resolutionStream(r));
    }
    return { canonicalId, streams: [...streams] };
  };
  return db.inTransaction ? read() : db.transaction(read)();
}
