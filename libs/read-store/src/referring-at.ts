import { type Coverage, resolutionsCovering, type ScopeLevel, statementsCovering } from '@app/projections';
import type { Database } from 'better-sqlite3';
import { type CutKind, type ReadCut, fieldInForce, kindOf } from './cut';
import { keyedRows } from './cut-rows';
import { EvidenceReader } from './evidence.reader';
import { incidentStatementsAt } from './incident-lists-at';
import { incidentResolver } from './incident-resolution';
import { liveIncidentStatements } from './live-incident-statements';
import { type ResolutionAtCut, resolutionsAt } from './resolutions-at';
import { readStatements, type StatementAtCut, versionSeqs } from './statements-at';

export interface LiveReferring {
  statements: (Coverage & { statement: StatementAtCut })[];
  resolutions: (Coverage & { resolution: ResolutionAtCut })[];
  /** The incident each id the resolutions name stood for at the cut (merged duplicates to their incident). */
  canonicalOf: ReadonlyMap<string, string>;
}

/**
 * The statements with a scope beyond their incidents at the cut (a situation, an alleged user, any use: few): a
 * scope row in force then (a correction within the cut that sets the scope, even to none, ends the rows before it).
 */
const scoped = (kind: CutKind) => `SELECT DISTINCT t.statement_id AS id FROM statement_targets t
  WHERE t.kind IN ('SITUATION', 'USER', 'USER_NAME', 'GENERIC')
  AND ${fieldInForce(kind, 't', 'statement_versions', 'statement_id', '$.scope')}`;

/** Those statements as of the cut, in recording order: the model keeps them so, and ties of one day keep it. */
function scopedStatements(db: Database, cut: ReadCut): StatementAtCut[] {
  const found = readStatements(db, cut, scoped(kindOf(cut)), {}, null);
  const first = versionSeqs(db, found, 'first');
  return found.sort((a, b) => first.get(a.statementId)! - first.get(b.statementId)!);
}

/**
 * The statements and resolutions covering the incident `id` resolves to at the cut, at one of `scopes`, by the same
 * rule as the model's (`statementsCovering`, `resolutionsCovering`), all as of the cut: the candidates are the
 * statements naming it or a duplicate merged into it (as it lists them) and then every statement with a scope
 * beyond its incidents, and every resolution; scopes reach it by its details then; lags from `from` (its first
 * confirmation as of the cut: the caller has the incident). Null when there is no such incident at the cut. One
 * read transaction.
 */
export function referringAt(
  db: Database,
  cut: ReadCut,
  id: string,
  scopes: readonly ScopeLevel[],
  from: string | null,
): LiveReferring | null {
  const read = (): LiveReferring | null => {
    const reader = new EvidenceReader(keyedRows(db, cut));
    const canonical = reader.resolve(id);
    const details = canonical === null ? null : reader.details(canonical);
    if (canonical === null || details === null) return null;
    const incident = { incidentId: canonical, details };
    // Live, from the partial index statement_targets_live, which covers its query.
    const named =
      cut === 'LIVE' ? (liveIncidentStatements(db, canonical) ?? []) : incidentStatementsAt(db, cut, canonical);
    const candidates = new Map(named.map((s) => [s.statementId, s]));
    if (scopes.some((level) => level !== 'INCIDENT')) {
      for (const s of scopedStatements(db, cut)) if (!candidates.has(s.statementId)) candidates.set(s.statementId, s);
    }
    const resolve = incidentResolver(db, cut);
    const resolutions = resolutionsCovering(resolutionsAt(db, cut), resolve, incident, scopes, from);
    const ids = resolutions.flatMap((r) => r.resolution.incidentIds);
    return {
      statements: statementsCovering(candidates.values(), resolve, incident, scopes, from),
      resolutions,
      canonicalOf: new Map(ids.map((i) => [i, resolve(i)])),
    };
  };
  return db.inTransaction ? read() : db.transaction(read)();
}
