import type { IncidentDetails, IsoDate, StatementDetails, StatementKind, StatementScope } from '@app/domain';
import { condemnersOf, type Utterance } from '@app/projections';
import type { Database } from 'better-sqlite3';
import { type ReadCut, cutParams, kindOf, within } from './cut';
import { detailsOf, type Version } from './evidence.reader';
import { incidentResolver } from './incident-resolution';

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

type Counted = Pick<StatementDetails, 'kind' | 'deliveredOn' | 'speakers' | 'incidentIds' | 'scope'>;

/**
 * Every statement that is a condemnation as of the cut, with what counting reads of it: its versions within the
 * cut laid over version 0 (as a statement list reads it). The candidates are those recorded as condemnations (the
 * kind index) and those a correction within the cut changed the kind of; the versions say which are.
 */
function condemnationsAt(db: Database, cut: ReadCut): Utterance[] {
  const kind = kindOf(cut);
  // CROSS JOIN keeps the candidates outside: left to itself the planner scans every version instead.
  const rows = db
    .prepare(
      `WITH c AS (
         SELECT v.statement_id AS id FROM statement_versions v INDEXED BY statement_versions_kind
         WHERE v.reason IS NULL AND json_extract(v.changes, '$.kind') = 'CONDEMNATION' AND ${within(kind, 'v')}
         UNION
         SELECT v.statement_id FROM statement_versions v INDEXED BY statement_versions_corrections
         WHERE v.reason IS NOT NULL AND json_type(v.changes, '$.kind') IS NOT NULL AND ${within(kind, 'v')})
       SELECT w.statement_id AS id, w.changes, w.reason, w.seq FROM c
       CROSS JOIN statement_versions w INDEXED BY statement_versions_statement ON w.statement_id = c.id
       WHERE ${within(kind, 'w')}`,
    )
    .all(cutParams(cut)) as { id: string; changes: string; reason: string | null; seq: number }[];
  const versions = new Map<string, Version[]>();
  for (const r of rows) {
    const version: Version = [JSON.parse(r.changes) as object, r.reason, r.seq];
    const list = versions.get(r.id);
    if (list) list.push(version);
    else versions.set(r.id, [version]);
  }
  const found: Utterance[] = [];
  for (const [statementId, list] of versions) {
    const s = detailsOf<Counted>(list.sort((a, b) => a[2] - b[2]));
    if (s === null || s.kind !== 'CONDEMNATION') continue;
    const { speakers, incidentIds, scope } = s;
    found.push({ kind: s.kind, on: s.deliveredOn, speakers, incidentIds, scope, statementId, resolutionId: null });
  }
  return found;
}

/**
 * `condemnersOf` as of a cut, from the tables: every condemnation then (`condemnationsAt`) and every resolution,
 * counted over `incidents` (the canonical incidents of the same cut). No replay; one read transaction.
 */
export function condemnersAt(
  db: Database,
  cut: ReadCut,
  incidents: Iterable<{ incidentId: string; details: IncidentDetails }>,
  on: IsoDate,
  countGeneric: boolean,
): Map<string, Set<string>> {
  const read = () => {
    const utterances = [...condemnationsAt(db, cut), ...resolutionsAt(db, cut)];
    return condemnersOf({ incidents, utterances, resolve: incidentResolver(db, cut) }, on, countGeneric);
  };
  return db.inTransaction ? read() : db.transaction(read)();
}
