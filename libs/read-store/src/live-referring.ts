import { type Coverage, resolutionsCovering, type ScopeLevel, statementsCovering } from '@app/projections';
import type { Database } from 'better-sqlite3';
import { keyedRows } from './cut-rows';
import { EvidenceReader } from './evidence.reader';
import { incidentResolver } from './incident-resolution';
import { liveIncidentStatements } from './live-incident-statements';
import { type ResolutionAtCut, resolutionsAt } from './resolutions-at';
import { readStatements, type StatementAtCut, versionSeqs } from './statements-at';

export interface LiveReferring {
  statements: (Coverage & { statement: StatementAtCut })[];
  resolutions: (Coverage & { resolution: ResolutionAtCut })[];
  /** The incident each id the resolutions name stands for now (merged duplicates to their incident). */
  canonicalOf: ReadonlyMap<string, string>;
}

/**
 * The statements with a scope beyond their incidents now (a situation, an alleged user, any use: few), in recording
 * order, the order the in-memory model keeps them in and so the order ties of one day keep.
 */
const SCOPED = `SELECT DISTINCT t.statement_id AS id FROM statement_targets t
  WHERE t.kind IN ('SITUATION', 'USER', 'USER_NAME', 'GENERIC') AND t.superseded_at IS NULL`;

function scopedStatements(db: Database): StatementAtCut[] {
  const found = readStatements(db, 'LIVE', SCOPED, {}, null);
  const first = versionSeqs(db, found, 'first');
  return found.sort((a, b) => first.get(a.statementId)! - first.get(b.statementId)!);
}

/**
 * The statements and resolutions covering the incident `id` resolves to now, at one of `scopes`, by the same rule
 * as the model's (`statementsCovering`, `resolutionsCovering`): the candidates are the statements naming it or a
 * duplicate merged into it (as it lists them) and then every statement with a scope beyond its incidents, and every
 * resolution; lags from `from` (its first confirmation). Null when there is no such incident. One read transaction.
 */
export function liveReferring(
  db: Database,
  id: string,
  scopes: readonly ScopeLevel[],
  from: string | null,
): LiveReferring | null {
  const read = (): LiveReferring | null => {
    const reader = new EvidenceReader(keyedRows(db, 'LIVE'));
    const canonical = reader.resolve(id);
    const details = canonical === null ? null : reader.details(canonical);
    const named = liveIncidentStatements(db, id);
    if (canonical === null || details === null || named === null) return null;
    const incident = { incidentId: canonical, details };
    const candidates = new Map(named.map((s) => [s.statementId, s]));
    if (scopes.some((level) => level !== 'INCIDENT')) {
      for (const s of scopedStatements(db)) if (!candidates.has(s.statementId)) candidates.set(s.statementId, s);
    }
    const resolve = incidentResolver(db, 'LIVE');
    const resolutions = resolutionsCovering(resolutionsAt(db, 'LIVE'), resolve, incident, scopes, from);
    const ids = resolutions.flatMap((r) => r.resolution.incidentIds);
    return {
      statements: statementsCovering(candidates.values(), resolve, incident, scopes, from),
      resolutions,
      canonicalOf: new Map(ids.map((i) => [i, resolve(i)])),
    };
  };
  return db.inTransaction ? read() : db.transaction(read)();
}
