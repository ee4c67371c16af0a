import { assessWithHistory, DEFAULT_POLICY } from '@app/domain';
import type {
  Assessment,
  IncidentEvidence,
  IsoDate,
  PolicyConfig,
  Status,
  StatusChange,
  StatusOnDate,
} from '@app/domain';
import type { StatusThen } from '@app/projections';
import type { Database, Statement } from 'better-sqlite3';
import { type Bounds, boundsWithin, type LagWindow, lagWindowOn, rewritesWithin, Touched } from './bounds';
import { cutParams, type ReadCut } from './cut';
import { keyedRows } from './cut-rows';
import { EvidenceReader } from './evidence.reader';
import type { StatusMove } from './page-changes';

export interface IncidentAssessment {
  /** The canonical incident the id asked for resolves to. */
  incidentId: string;
  assessment: Assessment;
  statusHistory: StatusChange[];
}

/** The policy's status on each evidence date of the evidence an assessment was made from (assessWithHistory's). */
type WithStatusOnDates = IncidentAssessment & { statusOnDates: StatusOnDate[] };

/** A reader of one incident at a time as of a cut (statements prepared once per database and kind of cut). */
export function readerFor(db: Database, cut: ReadCut): EvidenceReader {
  return new EvidenceReader(keyedRows(db, cut));
}

/**
 * The one pure policy, run over one incident's rows as of a cut: null when the id names no incident then.
 * `reader` may be shared by assessments of one cut over unchanged tables (a settle inside one transaction).
 */
export function assessAsOf(
  db: Database,
  incidentId: string,
  cut: ReadCut,
  policy: PolicyConfig = DEFAULT_POLICY,
  reader: EvidenceReader = readerFor(db, cut),
): IncidentAssessment | null {
  const evidence = reader.load(incidentId);
  if (evidence === null) return null;
  const { statusOnDates: _dates, ...assessed } = assessEvidence(evidence, policy);
  return assessed;
}

function assessEvidence(evidence: IncidentEvidence, policy: PolicyConfig): WithStatusOnDates {
  const { assessment, history, statusOnDates } = assessWithHistory(evidence, policy);
  return { incidentId: evidence.incidentId, assessment, statusHistory: history, statusOnDates };
}

/** A stored live assessment and status history, parsed when asked. */
export type StoredResult = () => Omit<IncidentAssessment, 'incidentId'>;

/**
 * Whether a stored live assessment holds at the cut with no reading: it is current (its incident not due to be
 * assessed again) and every row its reading touched lies within the cut (see `boundsWithin`).
 */
export type HoldsAt = (cut: ReadCut) => boolean;

interface BoundsRow {
  incident_id: string;
  latest_evidence_date: string | null;
  latest_recorded_at: number;
  latest_rewrite_date: string | null;
  due: number;
}

const BOUNDS = (where: string) =>
  `SELECT a.incident_id, a.latest_evidence_date, a.latest_recorded_at, a.latest_rewrite_date,
     EXISTS (SELECT 1 FROM dirty_incidents d WHERE d.incident_id = a.incident_id) AS due
   FROM assessments a WHERE ${where} a.policy_version = @version`;

const boundsOf = (row: BoundsRow): Bounds => ({
  latestEvidenceDate: row.latest_evidence_date,
  latestRecordedAt: row.latest_recorded_at,
  latestRewriteDate: row.latest_rewrite_date,
});

const holdsOf = (row: BoundsRow, within = boundsWithin): HoldsAt => {
  const bounds = boundsOf(row);
  return (cut) => row.due === 0 && within(cut, bounds);
};

/**
 * Whether each stored live assessment made under `policy`'s version holds at a cut, by incident: the bounds alone
 * (from the index assessments_bounds), so that only the assessments taken are read (`storedResults`). `within`:
 * what a reading needs of the bounds (default: every row touched lies within the cut).
 */
export function storedBounds(
  db: Database,
  policy: PolicyConfig,
  within: (cut: ReadCut, bounds: Bounds) => boolean = boundsWithin,
): Map<string, HoldsAt> {
  const rows = db.prepare(BOUNDS('')).all({ version: policy.version }) as BoundsRow[];
  return new Map(rows.map((row) => [row.incident_id, holdsOf(row, within)]));
}

/** A history as one JSON array (SQLite writes it, JSON.parse reads it several times faster than rows). */
const HISTORY = `json_group_array(json_object('status', h.status, 'readiness', h.readiness, 'on', h.on_date,
  'rule', h.rule, 'evidenceIds', json(h.evidence_ids)) ORDER BY h.n)`;

/**
 * The stored live assessments and histories of `ids` (see storedBounds), by incident, each parsed when asked: looked
 * up by id, or (`most`: they are most of the table, as live) read in one scan of each table.
 */
export function storedResults(db: Database, ids: readonly string[], most = false): Map<string, StoredResult> {
  const which = (alias: string) => (most ? '1' : `${alias}.incident_id IN (SELECT value FROM json_each(@keys))`);
  const params = most ? {} : { keys: JSON.stringify(ids) };
  const rows = (sql: string) => db.prepare(sql).raw().all(params) as [string, string][];
  const histories = new Map(
    rows(`SELECT h.incident_id, ${HISTORY} FROM status_history h WHERE ${which('h')} GROUP BY h.incident_id`),
  );
  const wanted = new Set(ids);
  const results = new Map<string, StoredResult>();
  for (const [id, assessment] of rows(`SELECT a.incident_id, a.assessment FROM assessments a WHERE ${which('a')}`)) {
    if (wanted.has(id)) results.set(id, () => parsed(assessment, histories.get(id) ?? '[]'));
  }
  return results;
}

/**
 * What storedStatusesAt reads of the assessments of @keys (a JSON array) made under policy @version: from their index
 * alone, by key (SQLite would look each up by its primary key, then read its row).
 */
export const STORED_STATUSES = `SELECT a.incident_id, a.status, a.confirmed_on, a.latest_evidence_date,
    a.latest_recorded_at, a.latest_rewrite_date
  FROM assessments a INDEXED BY assessments_statuses
  WHERE a.incident_id IN (SELECT value FROM json_each(@keys)) AND a.policy_version = @version`;

/** The statuses on each evidence date and the lag windows of the assessments of @keys, from their index alone. */
export const STORED_DATES = `SELECT a.incident_id, a.status_on_dates, a.lag_windows
  FROM assessments a INDEXED BY assessments_dates WHERE a.incident_id IN (SELECT value FROM json_each(@keys))`;

type StatusesRow = [
  id: string,
  status: Status,
  confirmedOn: IsoDate | null,
  ...[BoundsRow['latest_evidence_date'], BoundsRow['latest_recorded_at'], BoundsRow['latest_rewrite_date']],
];

/** The first confirmation among the statuses before a date (see `confirmationOf`). */
export interface KnownBefore {
  before: IsoDate;
  confirmedOn: IsoDate | null;
}

/** What a report reads of the stored live assessments at a cut (see storedStatusesAt). */
export interface StoredStatusesAt {
  /** The status and first confirmation of each incident the stored statuses answer for. */
  statuses: Map<string, () => StatusThen>;
  /**
   * Of those, a date none of their rows within the cut is dated after (null: none dated): the stored bound where every
   * row lies within the cut, the cut's day where they were read up to it.
   */
  latestEvidence: Map<string, IsoDate | null>;
  /** Of others, the first confirmation before a date, where the stored statuses tell it (`confirmationOf`). */
  known: Map<string, KnownBefore>;
}

/**
 * What a report reads of the stored live assessments of `ids` made under `policy`'s version at `cut`: the status,
 * and the day it was first CONFIRMED, of each incident its stored statuses answer for (the others left out: the
 * policy runs for them), read from them alone (index assessments_statuses: no assessment, no history read). As
 * stored where every row its live reading touched lies within the cut (`boundsWithin`); up to the cut's day from the
 * statuses on each evidence date where no rewrite falls after the day (`rewritesWithin`) and the cut reads the rows
 * the KNOWN cut on its day reads: a KNOWN cut, or a RECORDED one on a day outside the lag windows (`lagWindowOn`;
 * both read for those alone). On a day inside one, the cut's rows dated before the window are the live ones, so where
 * no rewrite falls on or after its start the statuses before it stand (`known`). An incident due to be assessed again
 * is left out.
 */
export function storedStatusesAt(
  db: Database,
  cut: ReadCut,
  policy: PolicyConfig,
  ids: readonly string[],
): StoredStatusesAt {
  const { day } = cutParams(cut);
  const due = new Set(db.prepare('SELECT incident_id FROM dirty_incidents').pluck().all() as string[]);
  const rows = db
    .prepare(STORED_STATUSES)
    .raw()
    .all({ keys: JSON.stringify(ids), version: policy.version });
  const found: StoredStatusesAt = { statuses: new Map(), latestEvidence: new Map(), known: new Map() };
  const lagging = new Map<string, IsoDate | null>();
  for (const row of rows as StatusesRow[]) {
    const [id, status, confirmedOn, latestEvidenceDate, latestRecordedAt, latestRewriteDate] = row;
    if (due.has(id)) continue;
    const bounds = { latestEvidenceDate, latestRecordedAt, latestRewriteDate };
    if (boundsWithin(cut, bounds)) {
      found.statuses.set(id, () => ({ status, confirmedOn }));
      found.latestEvidence.set(id, latestEvidenceDate);
    } else if (rewritesWithin(cut, bounds)) lagging.set(id, latestRewriteDate);
  }
  if (lagging.size === 0) return found;
  const recorded = cut !== 'LIVE' && cut.clock === 'RECORDED';
  const read = db
    .prepare(STORED_DATES)
    .raw()
    .all({ keys: JSON.stringify([...lagging.keys()]) }) as string[][];
  for (const [id, dates, windows] of read) {
    const lag = recorded ? lagWindowOn(day, JSON.parse(windows) as LagWindow[]) : undefined;
    const rewrite = lagging.get(id)!;
    if (lag === undefined) {
      const then = statusUpTo(JSON.parse(dates) as StatusOnDate[], day);
      if (then === null) continue;
      found.statuses.set(id, () => then);
      found.latestEvidence.set(id, day);
    } else if (rewrite === null || rewrite < lag[0]) {
      const before = lag[0];
      found.known.set(id, { before, confirmedOn: firstConfirmedBefore(JSON.parse(dates) as StatusOnDate[], before) });
    }
  }
  return found;
}

/** The first of the statuses on each date that is CONFIRMED and dated before `before`; null when none. */
function firstConfirmedBefore(dates: readonly StatusOnDate[], before: IsoDate): IsoDate | null {
  for (const { on, status } of dates) {
    if (on >= before) return null;
    if (status === 'CONFIRMED') return on;
  }
  return null;
}

/** Later than every date. */
const LAST = '9999-12-31';

/**
 * The status on `day` and the first day CONFIRMED by then, of the policy's statuses from each evidence date; null
 * when none is dated by then (the policy on the cut's rows says).
 */
function statusUpTo(dates: readonly StatusOnDate[], day: IsoDate): StatusThen | null {
  let then: Status | null = null;
  let confirmedOn: IsoDate | null = null;
  for (const { on, status } of dates) {
    if (on > day) break;
    then = status;
    if (status === 'CONFIRMED' && confirmedOn === null) confirmedOn = on;
  }
  return then === null ? null : { status: then, confirmedOn };
}

const parsed = (assessment: string, history: string) => ({
  assessment: JSON.parse(assessment) as Assessment,
  statusHistory: JSON.parse(history) as StatusChange[],
});

const one = new WeakMap<Database, Statement>();

/** The stored live assessment of one incident made under `policy`'s version, if any (a page reads a few). */
export function storedAssessment(
  db: Database,
  policy: PolicyConfig,
  id: string,
): { holdsAt: HoldsAt; result: StoredResult } | undefined {
  let statement = one.get(db);
  if (!statement) {
    const sql = BOUNDS('a.incident_id = @id AND').replace(
      'SELECT a.incident_id,',
      `SELECT a.incident_id, a.assessment,
         (SELECT ${HISTORY} FROM status_history h WHERE h.incident_id = a.incident_id) AS history,`,
    );
    one.set(db, (statement = db.prepare(sql)));
  }
  const row = statement.get({ version: policy.version, id }) as
    (BoundsRow & { assessment: string; history: string }) | undefined;
  return row === undefined ? undefined : { holdsAt: holdsOf(row), result: () => parsed(row.assessment, row.history) };
}

const statuses = new WeakMap<Database, Statement>();

/** The statuses on each evidence date a stored live assessment kept, and whether they hold at a cut. */
export interface StoredStatuses {
  holdsAt: HoldsAt;
  dates: () => StatusOnDate[];
}

/**
 * The policy's status on each evidence date that the stored live assessments of `ids` made under `policy`'s
 * version kept, by incident, with whether each holds at a cut (as `storedAssessment`): a timeline reads them for
 * a day. One read for the set.
 */
export function storedStatusOnDates(
  db: Database,
  policy: PolicyConfig,
  ids: readonly string[],
): Map<string, StoredStatuses> {
  let statement = statuses.get(db);
  if (!statement) {
    const sql = BOUNDS('a.incident_id IN (SELECT value FROM json_each(@keys)) AND').replace(
      'SELECT a.incident_id,',
      'SELECT a.incident_id, a.status_on_dates,',
    );
    statuses.set(db, (statement = db.prepare(sql)));
  }
  const rows = statement.all({ version: policy.version, keys: JSON.stringify(ids) }) as (BoundsRow & {
    status_on_dates: string;
  })[];
  return new Map(
    rows.map((row) => [
      row.incident_id,
      { holdsAt: holdsOf(row), dates: () => JSON.parse(row.status_on_dates) as StatusOnDate[] },
    ]),
  );
}

/**
 * Re-assesses the incidents listed in dirty_incidents (at most `limit`) and stores the live assessment and
 * status history as rows, removing them from the list, in the caller's transaction. A merged duplicate's rows
 * go: lists show the canonical incident. Returns how many were taken off the list. With `moves`, each canonical
 * incident whose stored status this changes is pushed there, with the latest seq of the marks that led to it.
 */
export function assessPending(
  db: Database,
  policy: PolicyConfig,
  limit = Number.MAX_SAFE_INTEGER,
  reader: EvidenceReader = readerFor(db, 'LIVE'),
  moves?: StatusMove[],
): number {
  const marks = db.prepare('SELECT incident_id, seq FROM dirty_incidents LIMIT ?').raw().all(limit) as [
    string,
    number,
  ][];
  const storedStatus = db.prepare('SELECT status FROM assessments WHERE incident_id = ?').pluck();
  const moved = new Map<string, StatusMove>();
  const upsert = db.prepare('INSERT OR REPLACE INTO assessments VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
  const dropAssessment = db.prepare('DELETE FROM assessments WHERE incident_id = ?');
  const dropHistory = db.prepare('DELETE FROM status_history WHERE incident_id = ?');
  const change = db.prepare('INSERT INTO status_history VALUES (?,?,?,?,?,?,?)');
  const done = db.prepare('DELETE FROM dirty_incidents WHERE incident_id = ?');
  const assessed = new Set<string>();
  // The fact tables do not change while this runs (one transaction): one reader, its sources read once for all.
  for (const [id, seq] of marks) {
    // Every key read is noted, to store the bounds of the rows the reading touched with the assessment.
    const touched = new Touched();
    const evidence = reader.load(id, touched);
    const result = evidence === null ? null : assessEvidence(evidence, policy);
    if (result === null || result.incidentId !== id) {
      dropAssessment.run(id);
      dropHistory.run(id);
    }
    if (evidence !== null && result !== null && !assessed.has(result.incidentId)) {
      assessed.add(result.incidentId);
      const { incidentId, assessment: a, statusHistory, statusOnDates } = result;
      const bounds = reader.bounds(touched);
      // Read before the row is replaced (once per incident: `assessed`), so the status as the page found it.
      if (moves) moved.set(incidentId, move(incidentId, storedStatus.get(incidentId) as Status | undefined, a, seq));
      upsert.run(
        incidentId,
        a.status,
        a.readiness,
        a.rule,
        a.statusSince,
        a.policyVersion,
        a.independentSupportingSources,
        JSON.stringify(a),
        JSON.stringify(statusOnDates),
        bounds.latestEvidenceDate,
        bounds.latestRecordedAt,
        bounds.latestRewriteDate,
        JSON.stringify(bounds.lagWindows),
        statusUpTo(statusOnDates, LAST)?.confirmedOn ?? null,
      );
      dropHistory.run(incidentId);
      statusHistory.forEach((h, n) =>
        change.run(incidentId, n, h.status, h.readiness, h.on, h.rule, JSON.stringify(h.evidenceIds)),
      );
    }
    // A duplicate merged into an incident marks it too: the change is named by the last of their marks.
    const named = result === null ? undefined : moved.get(result.incidentId);
    if (named !== undefined && seq > named.seq) named.seq = seq;
    done.run(id);
  }
  for (const m of moved.values()) if (m.before !== m.after) moves?.push(m);
  return marks.length;
}

const move = (incidentId: string, before: Status | undefined, assessment: Assessment, seq: number): StatusMove => ({
  incidentId,
  before: before ?? null,
  after: assessment.status,
  assessment,
  seq,
});
