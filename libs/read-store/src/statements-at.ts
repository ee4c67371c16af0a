import type { IsoDate, StatementDetails } from '@app/domain';
import { type Connection, type PageArgs, paginate, type StatementFilter } from '@app/projections';
import type { Database } from 'better-sqlite3';
import { type CutKind, type ReadCut, cutParams, fieldInForce, kindOf, within } from './cut';
import { detailsOf, type Version } from './evidence.reader';
import { incidentMembers, incidentResolver } from './incident-resolution';

/** A statement list's filter: `listStatements`' own (a list by State or by incident reads the file). */
export type StatementFilterAt = StatementFilter;

/** A correction within the cut; its words (quote, citation) and the fields they were stay in the event store. */
export interface StatementCorrectionAtCut {
  /** What it changed, its words left out. */
  changes: Partial<StatementDetails>;
  reason: string;
  correctedOn: IsoDate;
  eventId: string;
  recordedAt: Date;
}

/** A statement as of a cut: its details (version 0 with the corrections within the cut laid over it), no words. */
export interface StatementAtCut extends Omit<StatementDetails, 'quote' | 'citation'> {
  statementId: string;
  /** Revision of its stream at the last event within the cut. */
  revision: number;
  corrections: StatementCorrectionAtCut[];
  /** The event that recorded it. */
  eventId: string;
  recordedAt: Date;
  /** The events within the cut, in fold order: its words as of the cut are theirs (read from the store). */
  eventIds: string[];
  /** Its incidents as the registry resolved them at the cut (merged duplicates to their incident), no repeats. */
  canonicalIncidentIds: string[];
  /** The co-signer this row stands for when filtering by State; null otherwise. */
  speaker: string | null;
}

interface VersionRow {
  statement_id: string;
  changes: string;
  reason: string | null;
  seq: number;
  evidence_date: string;
  recorded_at: number;
  event_id: string;
  /** Set on every correction (version 0 has none). */
  corrected_on: IsoDate | null;
  inside: number;
}

const oneOf = <T>(wanted: T | readonly T[] | undefined, value: T) =>
  wanted === undefined || (Array.isArray(wanted) ? wanted.includes(value) : wanted === value);

/** Every version (to count the stream's revision) of the statements a candidate query finds, by statement. */
const versionsOf = (kind: CutKind, candidates: string) =>
  `WITH c AS (${candidates})
   SELECT v.statement_id, v.changes, v.reason, v.seq, v.evidence_date, v.recorded_at, v.event_id, v.corrected_on,
     (${within(kind, 'v')}) AS inside
   FROM c JOIN statement_versions v ON v.statement_id = c.id ORDER BY v.statement_id, v.seq`;

/** Statements spoken by a State (@value) as of the cut: its speaker rows in force. */
const byState = (kind: CutKind) =>
  `SELECT DISTINCT r.statement_id AS id FROM statement_speakers r WHERE r.state_code = @value
   AND ${fieldInForce(kind, 'r', 'statement_versions', 'statement_id', '$.speakers')}`;

/** Statements naming one of the incidents in @members (a JSON array) as of the cut. */
const byIncident = (kind: CutKind) =>
  `SELECT DISTINCT r.statement_id AS id FROM statement_targets r
   WHERE r.kind = 'INCIDENT' AND r.target IN (SELECT value FROM json_each(@members))
   AND ${fieldInForce(kind, 'r', 'statement_versions', 'statement_id', '$.incidentIds')}`;

/**
 * Whether a list with `filter` keeps a statement it found by State or incident: of its kinds and venues, delivered
 * within its dates, and naming one of `members` (the incident asked for and every id resolving to it) if given.
 */
export const statementKept = (s: StatementAtCut, filter: StatementFilterAt, members: ReadonlySet<string> | undefined) =>
  oneOf(filter.kind, s.kind) &&
  oneOf(filter.venue, s.venue) &&
  (filter.from === undefined || s.deliveredOn >= filter.from) &&
  (filter.to === undefined || s.deliveredOn <= filter.to) &&
  (members === undefined || s.incidentIds.some((id) => members.has(id)));

/** A statement's versions (all of them, in fold order) as of the cut; null when it was not recorded by then. */
function statementOf(versions: VersionRow[], speaker: string | null): StatementAtCut | null {
  const inside = versions.filter((v) => v.inside === 1);
  const details = detailsOf<Omit<StatementDetails, 'quote' | 'citation'>>(
    inside.map((v): Version => [JSON.parse(v.changes) as object, v.reason, v.seq]),
  );
  if (details === null) return null;
  const first = inside[0];
  return {
    ...details,
    statementId: first.statement_id,
    // A statement's stream holds exactly its recording and corrections, each a version row, in order.
    revision: versions.indexOf(inside[inside.length - 1]),
    corrections: inside.slice(1).map((v) => ({
      changes: JSON.parse(v.changes) as Partial<StatementDetails>,
      reason: v.reason as string,
      correctedOn: v.corrected_on as IsoDate,
      eventId: v.event_id,
      recordedAt: new Date(v.recorded_at),
    })),
    eventId: first.event_id,
    recordedAt: new Date(first.recorded_at),
    eventIds: inside.map((v) => v.event_id),
    canonicalIncidentIds: [],
    speaker,
  };
}

/** Per statement of `statements`, the seq of its first version (its recording) or its last (its latest correction). */
export function versionSeqs(
  db: Database,
  statements: readonly StatementAtCut[],
  which: 'first' | 'last',
): Map<string, number> {
  const pick = which === 'first' ? 'min' : 'max';
  const rows = db
    .prepare(
      `SELECT v.statement_id, ${pick}(v.seq) FROM statement_versions v
       WHERE v.statement_id IN (SELECT value FROM json_each(?)) GROUP BY v.statement_id`,
    )
    .raw()
    .all(JSON.stringify(statements.map((s) => s.statementId))) as [string, number][];
  return new Map(rows);
}

/** The statements a candidate query (`SELECT ... AS id`) finds, as of the cut, by statement id. */
export function readStatements(db: Database, cut: ReadCut, candidates: string, params: object, speaker: string | null) {
  const found: StatementAtCut[] = [];
  let versions: VersionRow[] = [];
  const flush = () => {
    const statement = versions.length === 0 ? null : statementOf(versions, speaker);
    if (statement) found.push(statement);
    versions = [];
  };
  const sql = versionsOf(kindOf(cut), candidates);
  for (const row of db.prepare(sql).iterate({ ...cutParams(cut), ...params }) as Iterable<VersionRow>) {
    if (versions.length > 0 && versions[0].statement_id !== row.statement_id) flush();
    versions.push(row);
  }
  flush();
  return found;
}

/**
 * The statements by a State or about an incident as of a cut, with exactly `listStatements`' semantics over the
 * registry as of that cut (a joint statement once per matching co-signer; an incident's merged duplicates, kind,
 * venue and dates as of the cut), unordered. Reads only the rows of that State or incident (indexes
 * statement_speakers_state, statement_targets_target, statement_versions_statement), in one read transaction.
 * Null for a filter by neither: every statement of the cut would have to be read.
 */
export function statementNodesAt(db: Database, cut: ReadCut, filter: StatementFilterAt): StatementAtCut[] | null {
  if (filter.stateCode === undefined && filter.incidentId === undefined) return null;
  const kind = kindOf(cut);
  const list = (): StatementAtCut[] => {
    const resolve = incidentResolver(db, cut);
    const incident = filter.incidentId === undefined ? undefined : incidentMembers(db, cut, resolve, filter.incidentId);
    const members = incident?.members;
    let found: StatementAtCut[] = [];
    if (filter.stateCode !== undefined) {
      const codes = typeof filter.stateCode === 'string' ? [filter.stateCode] : filter.stateCode;
      for (const code of new Set(codes.map((c) => c.toUpperCase()))) {
        found.push(...readStatements(db, cut, byState(kind), { value: code }, code));
      }
    } else if (incident?.exists) {
      // As the replay lists an incident's linked statements: none for an incident that did not exist then.
      found = readStatements(db, cut, byIncident(kind), { members: JSON.stringify([...incident.members]) }, null);
    }
    const kept = found.filter((s) => statementKept(s, filter, members));
    for (const s of kept) s.canonicalIncidentIds = [...new Set(s.incidentIds.map(resolve))];
    return kept;
  };
  return db.inTransaction ? list() : db.transaction(list)();
}

/** One statement as of a cut (its incidents resolved then); null when it was not recorded by then. */
export function statementAt(db: Database, cut: ReadCut, id: string): StatementAtCut | null {
  const read = () => {
    const found = readStatements(db, cut, 'SELECT @id AS id', { id }, null).at(0);
    if (found === undefined) return null;
    const resolve = incidentResolver(db, cut);
    return { ...found, canonicalIncidentIds: [...new Set(found.incidentIds.map(resolve))] };
  };
  return db.inTransaction ? read() : db.transaction(read)();
}

/** A page of statements, by delivery date (oldest first unless `descending`), keyed as `listStatements` keys. */
export const pageStatements = (nodes: readonly StatementAtCut[], args: PageArgs & { descending?: boolean } = {}) =>
  paginate(nodes, (n) => [n.deliveredOn, n.statementId, n.speaker ?? ''], args);

/** `statementNodesAt`, paged. */
export function statementsAt(
  db: Database,
  cut: ReadCut,
  filter: StatementFilterAt,
  args: PageArgs & { descending?: boolean } = {},
): Connection<StatementAtCut> | null {
  const nodes = statementNodesAt(db, cut, filter);
  return nodes === null ? null : pageStatements(nodes, args);
}
