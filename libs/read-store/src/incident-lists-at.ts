import type { InvestigationOutcome, Investigator, IsoDate } from '@app/domain';
import type { Database, Statement } from 'better-sqlite3';
import { type CutKind, type ReadCut, cutParams, fieldInForce, kindOf, within } from './cut';
import { keyedRows } from './cut-rows';
import { EvidenceReader } from './evidence.reader';
import { incidentResolver } from './incident-resolution';
import { type Link, linkOrder, type Merge } from './link-order';
import {
  ALL_CORROBORATION_FIELDS,
  type LiveCorroboration,
  type LiveIncidentCorrection,
  toCorroboration,
} from './live-incident';
import type { CorroborationRow } from './live-incident.queries';
import type { InvestigationNow } from './live-investigation';
import { readStatements, type StatementAtCut } from './statements-at';

/** The lists an incident shows as of a cut, read from the tables: what the API nests under an incident then. */
export interface IncidentListsAt {
  /** The canonical incident the id asked for resolves to at the cut. */
  incidentId: string;
  /** Its own and its merged duplicates', in the order the fold linked them; sources and retractions as of the cut. */
  corroborations: LiveCorroboration[];
  /** Its own corrections within the cut, in fold order. */
  corrections: LiveIncidentCorrection[];
  /** Those covering it or a duplicate merged into it, by opening date (ties in link order), as of the cut. */
  investigations: InvestigationNow[];
  /** Those naming it or a duplicate merged into it, by delivery date (ties in link order), as of the cut. */
  statements: StatementAtCut[];
}

/** The queries of one kind of cut, prepared once per database (an incident read is on every `incident(id)` path). */
interface Queries {
  corroborations: Statement;
  corrections: Statement;
  investigations: Statement;
  /** The seq of each statement's last version within the cut: where the fold last (re)linked it. */
  lastVersions: Statement;
}
const prepared = new WeakMap<Database, Map<CutKind, Queries>>();

/**
 * The corroborations logged against any of @members (a JSON array) within the cut, in fold order: the source's
 * name if it was registered by then and its grade in force then (the last within the cut: a regrade after it left
 * out), the last retraction within the cut (one after it is not shown). Read through corroborations_incident; the
 * grade and the retraction through source_grades_source and corroboration_retractions_corroboration.
 */
const corroborationsSql = (kind: CutKind) => {
  const w = (alias: string) => within(kind, alias);
  return `SELECT c.corroboration_id, c.incident_id, c.seq, c.source_id, s.name,
    CASE WHEN s.source_id IS NULL THEN NULL ELSE (SELECT g.grade FROM source_grades g
      WHERE g.source_id = c.source_id AND ${w('g')} ORDER BY g.seq DESC LIMIT 1) END,
    c.stance, c.evidence_kinds, c.published_on, c.citation, c.derived_from, c.summary, c.credibility,
    c.geolocation_precision, c.recorded_at, r.evidence_date, r.reason
  FROM corroborations c LEFT JOIN sources s ON s.source_id = c.source_id AND ${w('s')}
  LEFT JOIN corroboration_retractions r ON r.seq = (SELECT max(x.seq) FROM corroboration_retractions x
    WHERE x.corroboration_id = c.corroboration_id AND ${w('x')})
  WHERE c.incident_id IN (SELECT value FROM json_each(@members)) AND ${w('c')} ORDER BY c.seq`;
};

/** The incident's own corrections within the cut (version 0 is the allegation), in fold order. */
const correctionsSql = (kind: CutKind) =>
  `SELECT v.changes, v.reason, v.evidence_date FROM incident_versions v
   WHERE v.incident_id = @id AND v.reason IS NOT NULL AND ${within(kind, 'v')} ORDER BY v.seq`;

/**
 * The investigations opened within the cut covering any of @members, with the incidents each covers as logged,
 * every conclusion in fold order with whether it lies within the cut (the last within stands, and the stream's
 * revision at the cut is its place in the stream), and the name of the source investigating if registered by then.
 */
const investigationsSql = (kind: CutKind) => {
  const w = (alias: string) => within(kind, alias);
  return `SELECT i.investigation_id, i.investigator_kind, i.investigator_state_code, i.investigator_name,
    i.investigator_source_id, i.mandate, i.evidence_date, i.recorded_at, i.seq,
    (SELECT json_group_array(ii.incident_id) FROM (SELECT ii.incident_id FROM investigation_incidents ii
      WHERE ii.investigation_id = i.investigation_id ORDER BY ii.n) ii),
    (SELECT json_group_array(json_array(k.outcome, k.findings, k.evidence_date, ${w('k')}))
      FROM (SELECT * FROM investigation_conclusions k WHERE k.investigation_id = i.investigation_id ORDER BY k.seq) k),
    (SELECT s.name FROM sources s WHERE s.source_id = i.investigator_source_id AND ${w('s')})
  FROM investigations i
  WHERE i.investigation_id IN (SELECT c.investigation_id FROM investigation_incidents c
    WHERE c.incident_id IN (SELECT value FROM json_each(@members))) AND ${w('i')}`;
};

type InvestigationRow = [
  id: string,
  kind: Investigator['kind'],
  stateCode: string | null,
  name: string | null,
  sourceId: string | null,
  mandate: string,
  openedOn: IsoDate,
  recordedAt: number,
  seq: number,
  incidents: string,
  conclusions: string,
  sourceName: string | null,
];
type Conclusion = [outcome: InvestigationOutcome, findings: string, concludedOn: IsoDate, inside: number];

/** Now, the rows in force are those of this index alone (as liveIncidentStatements reads them): no table row. */
const LIVE_TARGETS = 'INDEXED BY statement_targets_live';

/**
 * The statements naming any of @members as of the cut: their incident targets in force then (a statement whose
 * incidents a correction within the cut changed is found by its new ones only). As statements-at reads a list by
 * incident, for `readStatements`.
 */
const namedSql = (kind: CutKind) =>
  `SELECT DISTINCT t.statement_id AS id FROM statement_targets t ${kind === 'LIVE' ? LIVE_TARGETS : ''}
   WHERE t.kind = 'INCIDENT' AND t.target IN (SELECT value FROM json_each(@members))
   AND ${fieldInForce(kind, 't', 'statement_versions', 'statement_id', '$.incidentIds')}`;

const lastVersionsSql = (kind: CutKind) =>
  `SELECT v.statement_id, max(v.seq) FROM statement_versions v
   WHERE v.statement_id IN (SELECT value FROM json_each(@ids)) AND ${within(kind, 'v')} GROUP BY v.statement_id`;

/** The SQL of each query for a kind of cut (for its plan: see the spec). */
export const incidentListsSql = (kind: CutKind) => ({
  corroborations: corroborationsSql(kind),
  corrections: correctionsSql(kind),
  investigations: investigationsSql(kind),
  named: namedSql(kind),
  lastVersions: lastVersionsSql(kind),
});

function queriesOf(db: Database, kind: CutKind): Queries {
  let byKind = prepared.get(db);
  if (!byKind) prepared.set(db, (byKind = new Map<CutKind, Queries>()));
  let found = byKind.get(kind);
  if (!found) {
    const sql = incidentListsSql(kind);
    found = {
      corroborations: db.prepare(sql.corroborations).raw(),
      corrections: db.prepare(sql.corrections).raw(),
      investigations: db.prepare(sql.investigations).raw(),
      lastVersions: db.prepare(sql.lastVersions).raw(),
    };
    byKind.set(kind, found);
  }
  return found;
}

/** A stable sort by a date (the fold lists a day's items in the order it linked them). */
const byDate = <T>(items: T[], dateOf: (item: T) => string): T[] =>
  items.sort((a, b) => (dateOf(a) < dateOf(b) ? -1 : dateOf(a) > dateOf(b) ? 1 : 0));

/**
 * What the incident `id` resolves to at the cut (a merged duplicate's id gives its canonical incident) lists under
 * it, as the registry showed it then: its corroborations, corrections, investigations and statements, each item
 * as of the cut. Null when there is no such incident at the cut. One read transaction; every query is keyed by
 * the incident and the duplicates merged into it (a few index ranges), the statements found by their targets.
 */
export function incidentListsAt(db: Database, cut: ReadCut, id: string): IncidentListsAt | null {
  const read = (): IncidentListsAt | null => {
    const rows = keyedRows(db, cut);
    const reader = new EvidenceReader(rows);
    const canonical = reader.resolve(id);
    if (canonical === null) return null;
    const kind = kindOf(cut);
    const queries = queriesOf(db, kind);
    const params = cutParams(cut);
    const { members, merges } = reader.tree(canonical);
    const resolve = incidentResolver(db, cut, rows);
    const set = { ...params, members: JSON.stringify(members) };
    return {
      incidentId: canonical,
      corroborations: corroborationsOf(queries, set, merges, canonical),
      corrections: (queries.corrections.all({ ...params, id: canonical }) as [string, string, IsoDate][]).map(
        ([changes, reason, correctedOn]) => ({
          fields: Object.keys(JSON.parse(changes) as object),
          reason,
          correctedOn,
        }),
      ),
      investigations: investigationsOf(queries, set, merges, canonical, resolve),
      statements: statementsOf(db, cut, queries, set, merges, canonical, resolve),
    };
  };
  return db.inTransaction ? read() : db.transaction(read)();
}

/**
 * The statements naming the canonical incident `canonical` or a duplicate merged into it at the cut, as
 * `incidentListsAt` lists them; within the caller's read transaction.
 */
export function incidentStatementsAt(db: Database, cut: ReadCut, canonical: string): StatementAtCut[] {
  const rows = keyedRows(db, cut);
  const { members, merges } = new EvidenceReader(rows).tree(canonical);
  const params = { ...cutParams(cut), members: JSON.stringify(members) };
  const queries = queriesOf(db, kindOf(cut));
  return statementsOf(db, cut, queries, params, merges, canonical, incidentResolver(db, cut, rows));
}

type Params = ReturnType<typeof cutParams> & { members: string };

/** Each linked to the incident it was logged against when logged; a merge appends the duplicate's (linkOrder). */
function corroborationsOf(queries: Queries, params: Params, merges: Merge[], canonical: string): LiveCorroboration[] {
  const rows = queries.corroborations.all(params) as CorroborationRow[];
  const byId = new Map(rows.map((row) => [row[0], row]));
  const links = rows.map((row): Link => ({ id: row[0], incidentIds: [row[1]], seq: row[2] }));
  return linkOrder(links, merges, canonical).map((cid) => toCorroboration(byId.get(cid)!, ALL_CORROBORATION_FIELDS));
}

/** By opening date; ties in the order the fold linked them (each to the incidents it covers, when opened). */
function investigationsOf(
  queries: Queries,
  params: Params,
  merges: Merge[],
  canonical: string,
  resolve: (id: string) => string,
): InvestigationNow[] {
  const rows = queries.investigations.all(params) as InvestigationRow[];
  const byId = new Map(rows.map((row) => [row[0], row]));
  const links = rows.map((row): Link => ({ id: row[0], incidentIds: JSON.parse(row[9]) as string[], seq: row[8] }));
  const linked = linkOrder(links, merges, canonical).map((iid): InvestigationNow => {
    const [, kind, stateCode, name, sourceId, mandate, openedOn, recordedAt, , incidents, conclusions, sourceName] =
      byId.get(iid)!;
    const all = JSON.parse(conclusions) as Conclusion[];
    // The stream holds the opening, then each conclusion: its revision at the cut is the last event within it.
    const last = all.findLastIndex((c) => c[3] === 1);
    const concluded = last < 0 ? null : all[last];
    return {
      investigationId: iid,
      revision: last + 1,
      investigator: {
        kind,
        ...(stateCode !== null && { stateCode }),
        ...(name !== null && { name }),
        ...(sourceId !== null && { sourceId }),
      },
      sourceName,
      incidentIds: [...new Set((JSON.parse(incidents) as string[]).map(resolve))],
      mandate,
      openedOn,
      outcome: concluded?.[0] ?? null,
      findings: concluded?.[1] ?? null,
      concludedOn: concluded?.[2] ?? null,
      recordedAt: new Date(recordedAt),
    };
  });
  return byDate(linked, (i) => i.openedOn);
}

/**
 * By delivery date; ties in the order the fold linked them: a statement is (re)linked to the incidents it names at
 * its last version within the cut, a merge appends the duplicate's (linkOrder).
 */
function statementsOf(
  db: Database,
  cut: ReadCut,
  queries: Queries,
  params: Params,
  merges: Merge[],
  canonical: string,
  resolve: (id: string) => string,
): StatementAtCut[] {
  const found = readStatements(db, cut, namedSql(kindOf(cut)), { members: params.members }, null);
  if (found.length === 0) return [];
  const ids = JSON.stringify(found.map((s) => s.statementId));
  const last = new Map(queries.lastVersions.all({ ...params, ids }) as [string, number][]);
  const links = found.map((s): Link => ({
    id: s.statementId,
    incidentIds: s.incidentIds,
    seq: last.get(s.statementId)!,
  }));
  const byId = new Map(found.map((s) => [s.statementId, s]));
  const linked = linkOrder(links, merges, canonical).map((sid) => {
    const s = byId.get(sid)!;
    return { ...s, canonicalIncidentIds: [...new Set(s.incidentIds.map(resolve))] };
  });
  return byDate(linked, (s) => s.deliveredOn);
}
