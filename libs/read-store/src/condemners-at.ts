import type { IsoDate, StatementKind, StatementScope } from '@app/domain';
import { condemnersOf, type ReportedDetails, rowCondemnations, type Utterance } from '@app/projections';
import type { Database } from 'better-sqlite3';
import { type ReadCut, cutParams, kindOf, within } from './cut';
import { incidentResolver } from './incident-resolution';
import type { FileStatementRows } from './statement-rows';

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
 * `condemnersOf` as of a cut, from the file: every condemnation then, from the report's statement rows (`rows`,
 * followed to the file and read at the cut, as a report reads them), and every resolution, counted over `incidents`
 * (the canonical incidents of the same cut). No replay; one read transaction.
 */
export function condemnersAt(
  db: Database,
  cut: ReadCut,
  rows: FileStatementRows,
  incidents: Iterable<{ incidentId: string; details: ReportedDetails }>,
  on: IsoDate,
  countGeneric: boolean,
): Map<string, Set<string>> {
  const read = () => {
    rows.follow();
    const at = rows.at(cut);
    // One at a time: each utterance is garbage once counted.
    function* utterances(): Iterable<Utterance> {
      yield* rowCondemnations(at, on);
      yield* resolutionsAt(db, cut);
    }
    return condemnersOf({ incidents, utterances: utterances(), resolve: incidentResolver(db, cut) }, on, countGeneric);
  };
  return db.inTransaction ? read() : db.transaction(read)();
}
