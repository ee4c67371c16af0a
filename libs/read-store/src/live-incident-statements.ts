import type { Database } from 'better-sqlite3';
import { keyedRows } from './cut-rows';
import { EvidenceReader } from './evidence.reader';
import { incidentResolver } from './incident-resolution';
import { linkOrder, type Merge } from './link-order';
import { statementsOf } from './live-incident.queries';
import { readStatements, type StatementAtCut, versionSeqs } from './statements-at';

/**
 * The statements naming the incident `id` resolves to now (or a duplicate merged into it), as the registry lists
 * them: by delivery date, ties in the order they were linked to it (a statement re-linked at its last correction, a
 * merge appending the duplicate's: `linkOrder`). Null when there is no such incident. One read transaction.
 */
export function liveIncidentStatements(db: Database, id: string): StatementAtCut[] | null {
  const read = (): StatementAtCut[] | null => {
    const reader = new EvidenceReader(keyedRows(db, 'LIVE'));
    const canonical = reader.resolve(id);
    if (canonical === null || reader.read(canonical) === null) return null;
    const merges = statementsOf(db).merges.all(canonical) as Merge[];
    const members = JSON.stringify([canonical, ...merges.map((m) => m.duplicate)]);
    const named = `SELECT DISTINCT t.statement_id AS id FROM statement_targets t INDEXED BY statement_targets_live
      WHERE t.kind = 'INCIDENT' AND t.target IN (SELECT value FROM json_each(@members)) AND t.superseded_at IS NULL`;
    const found = readStatements(db, 'LIVE', named, { members }, null);
    const last = versionSeqs(db, found, 'last');
    const links = found.map((s) => ({ id: s.statementId, incidentIds: s.incidentIds, seq: last.get(s.statementId)! }));
    const byId = new Map(found.map((s) => [s.statementId, s]));
    const resolve = incidentResolver(db, 'LIVE');
    const linked = linkOrder(links, merges, canonical).map((sid) => {
      const s = byId.get(sid)!;
      return { ...s, canonicalIncidentIds: [...new Set(s.incidentIds.map(resolve))] };
    });
    return linked.sort((a, b) => (a.deliveredOn < b.deliveredOn ? -1 : a.deliveredOn > b.deliveredOn ? 1 : 0));
  };
  return db.inTransaction ? read() : db.transaction(read)();
}
