import type { IncidentDetails, IsoDate, StatementKind, StatementScope } from '@app/domain';
import { condemnersOf, type Utterance } from '@app/projections';
import type { Database } from 'better-sqlite3';
import { type ReadCut, cutParams, kindOf, within } from './cut';
import { incidentResolver } from './incident-resolution';
import { statementIdsAt } from './statement-pages';
import { readStatements } from './statements-at';

interface ResolutionRow {
  id: string;
  kind: StatementKind;
  scope: string | null;
  adopted_on: string;
  yes: string;
  incidents: string;
}

/** Every resolution recorded within the cut, as the utterance of its YES voters (adopted on its evidence date). */
function resolutionsAt(db: Database, cut: ReadCut): Utterance[] {
  const rows = db
    .prepare(
      `SELECT r.resolution_id AS id, r.kind, r.scope, r.evidence_date AS adopted_on,
         (SELECT json_group_array(v.state_code) FROM resolution_votes v
          WHERE v.resolution_id = r.resolution_id AND v.vote = 'YES') AS yes,
         (SELECT json_group_array(t.target) FROM resolution_targets t
          WHERE t.resolution_id = r.resolution_id AND t.kind = 'INCIDENT') AS incidents
       FROM resolutions r WHERE ${within(kindOf(cut), 'r')}`,
    )
    .all(cutParams(cut)) as ResolutionRow[];
  return rows.map((r) => ({
    kind: r.kind,
    on: r.adopted_on,
    speakers: JSON.parse(r.yes) as string[],
    incidentIds: JSON.parse(r.incidents) as string[],
    scope: r.scope === null ? undefined : (JSON.parse(r.scope) as StatementScope),
    statementId: null,
    resolutionId: r.id,
  }));
}

/**
 * `condemnersOf` as of a cut, from the tables: every condemnation then (found on the kind index, a kind or date a
 * correction within the cut changed merged in) and every resolution, counted over `incidents` (the canonical
 * incidents of the same cut). No replay; one read transaction.
 */
export function condemnersAt(
  db: Database,
  cut: ReadCut,
  incidents: Iterable<{ incidentId: string; details: IncidentDetails }>,
  on: IsoDate,
  countGeneric: boolean,
): Map<string, Set<string>> {
  const read = () => {
    const ids = JSON.stringify(statementIdsAt(db, cut, { kind: 'CONDEMNATION' }));
    const statements = readStatements(db, cut, 'SELECT value AS id FROM json_each(@ids)', { ids }, null);
    const utterances: Utterance[] = statements.map((s) => ({
      kind: s.kind,
      on: s.deliveredOn,
      speakers: s.speakers,
      incidentIds: s.incidentIds,
      scope: s.scope,
      statementId: s.statementId,
      resolutionId: null,
    }));
    utterances.push(...resolutionsAt(db, cut));
    return condemnersOf({ incidents, utterances, resolve: incidentResolver(db, cut) }, on, countGeneric);
  };
  return db.inTransaction ? read() : db.transaction(read)();
}
