import type { Assessment, IncidentDetails, Location, PolicyConfig, Readiness, Status } from '@app/domain';
import { type Connection, type IncidentFilter, type IncidentPageArgs, incidentMatcher } from '@app/projections';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { IncidentAtCut } from './incidents-at';
import { keysetPage, type KeysetList, type Row } from './keyset-page';
import { liveIncident, type LiveIncident } from './live-incident';
import { ReadStore } from './read-store';
import { LIVE_DETAILS, VERSION_DATES } from './schema';

/** What a list asked about now may be filtered by: all of IncidentFilter but who has condemned (the model's). */
export type LiveIncidentFilter = Omit<IncidentFilter, 'notCondemnedBy'>;

/** JavaScript's lower-casing in SQL: a filter must fold case exactly as `incidentMatcher` does (not ASCII only). */
const withLowerCase = new WeakSet<Database>();
function lowerCaseIn(db: Database): void {
  if (withLowerCase.has(db)) return;
  db.function('js_lower', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? s.toLowerCase() : null));
  withLowerCase.add(db);
}

const { country, munition, summary, placeName, situation } = LIVE_DETAILS;
/** A correction `c` of what lists read (said as the index incident_versions_listed_corrections says it). */
const CORRECTED = `c.reason IS NOT NULL AND ${LIVE_DETAILS.setsListed('c')}`;
const FIRST_CONFIRMED = `(SELECT h.on_date FROM status_history h WHERE h.incident_id = v.incident_id
  AND h.status = 'CONFIRMED' ORDER BY h.n LIMIT 1)`;
const asList = <T>(value: T | readonly T[]): T[] => (Array.isArray(value) ? [...(value as T[])] : [value as T]);

/** The filter as SQL over version 0 (`v`) and the stored assessment (`a`), with its parameters. */
function whereOf(f: LiveIncidentFilter): { sql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (sql: string, name: string, value: unknown) => {
    where.push(sql);
    params[name] = value;
  };
  if (f.countryCode !== undefined) add(`${country('v')} = @country`, 'country', f.countryCode.toUpperCase());
  if (f.allegedUser !== undefined) {
    const user = `EXISTS (SELECT 1 FROM json_each(v.changes, '$.allegedUser.stateCodes') j WHERE j.value = @user)`;
    add(user, 'user', f.allegedUser.toUpperCase());
  }
  if (f.status !== undefined) add('a.status IN (SELECT value FROM json_each(@status))', 'status', json(f.status));
  if (f.readiness !== undefined)
    add('a.readiness IN (SELECT value FROM json_each(@readiness))', 'readiness', json(f.readiness));
  if (f.munitionType !== undefined)
    add(`js_lower(${munition('v')}) = @munition`, 'munition', f.munitionType.toLowerCase());
  if (f.occurredFrom !== undefined) add(`${VERSION_DATES.to('v')} >= @from`, 'from', f.occurredFrom);
  if (f.occurredTo !== undefined) add(`${VERSION_DATES.from('v')} <= @to`, 'to', f.occurredTo);
  const needle = f.text?.trim().toLowerCase();
  if (needle) {
    const text = `js_lower((${placeName('v')}) || char(10) || (${munition('v')}) || char(10) || (${summary('v')}))`;
    add(`instr(${text}, @text) > 0`, 'text', needle);
  }
  if (f.situationId !== undefined) add(`${situation('v')} = @situation`, 'situation', f.situationId);
  if (f.firstConfirmedFrom !== undefined || f.firstConfirmedTo !== undefined) where.push(`${FIRST_CONFIRMED} NOT NULL`);
  if (f.firstConfirmedFrom !== undefined) add(`${FIRST_CONFIRMED} >= @fcFrom`, 'fcFrom', f.firstConfirmedFrom);
  if (f.firstConfirmedTo !== undefined) add(`${FIRST_CONFIRMED} <= @fcTo`, 'fcTo', f.firstConfirmedTo);
  return { sql: where.map((w) => ` AND ${w}`).join(''), params };
}
const json = <T>(value: T | readonly T[]) => JSON.stringify(asList(value));

/**
 * A page of the canonical incidents now, filtered, sorted, keyed and counted as `listIncidents` pages the live
 * model, from the live rows: SQL walks version 0 of the incidents no correction touched (their details as alleged)
 * with the assessment the fold stored, from the cursor, and stops after `first + 1`; the corrected ones (few) are
 * read whole and kept by the one filter (`incidentMatcher`), then merged in (`keysetPage`). Null while an incident
 * is due to be assessed (the model answers then). Runs in one read transaction.
 */
export function liveIncidentPage(
  db: Database,
  filter: LiveIncidentFilter,
  args: IncidentPageArgs,
  policy: PolicyConfig,
): Connection<LiveIncident> | null {
  const read = (): Connection<LiveIncident> | null => {
    const parts = partsOf(db, filter, policy);
    if (parts === null) return null;
    const statusSort = args.sort === 'STATUS_CHANGED';
    const keys = statusSort
      ? ["coalesce(a.status_since, '')", 'v.incident_id']
      : [VERSION_DATES.from('v'), 'v.incident_id'];
    const moved = parts.moved.map((i): Row => [
      statusSort ? (i.assessment.statusSince ?? '') : i.details.occurredFrom,
      i.incidentId,
    ]);
    const list = (): KeysetList => ({ base: parts.base, params: parts.params, moved, keys });
    const nodesOf = (rows: Row[]) => rows.map(([, id]) => liveIncident(db, id, policy, null)!);
    return keysetPage(db, list, args, true, nodesOf);
  };
  return db.inTransaction ? read() : db.transaction(read)();
}

/** What a tally and a map read of an incident (`tallyIncidents`, `incidentMap`), and the date they are in order of. */
export type MatchedIncident = Pick<IncidentAtCut, 'incidentId'> & {
  details: Pick<IncidentDetails, 'occurredFrom'> & {
    location: Pick<Location, 'countryCode' | 'latitude' | 'longitude'>;
  };
  assessment: Pick<Assessment, 'status' | 'readiness'>;
};

/**
 * Every canonical incident now that `filter` keeps (as `matchingIncidents` of the live model), with what a tally or
 * a map reads of it: one SQL pass over version 0 and the stored assessments, and the corrected incidents read
 * whole. Null while an incident is due to be assessed. Runs in one read transaction.
 */
export function liveMatching(db: Database, filter: LiveIncidentFilter, policy: PolicyConfig): MatchedIncident[] | null {
  const read = (): MatchedIncident[] | null => {
    const parts = partsOf(db, filter, policy);
    if (parts === null) return null;
    const rows = db
      .prepare(
        `SELECT v.incident_id, ${VERSION_DATES.from('v')}, ${country('v')}, v.changes ->> '$.location.latitude',
           v.changes ->> '$.location.longitude', a.status, a.readiness ${parts.base}`,
      )
      .raw()
      .all(parts.params) as [string, string, string, unknown, unknown, Status, Readiness][];
    const matched = rows.map(
      ([incidentId, occurredFrom, countryCode, latitude, longitude, status, readiness]): MatchedIncident => ({
        incidentId,
        details: { occurredFrom, location: { countryCode, ...coordinates(latitude, longitude) } },
        assessment: { status, readiness },
      }),
    );
    return [...matched, ...parts.moved];
  };
  return db.inTransaction ? read() : db.transaction(read)();
}

/**
 * `liveMatching` without filters of the projection file at `path`, through a read-only connection of its own (a
 * worker thread's), with the checkpoint's seq it was read at.
 */
export function liveMatchingOfFile(
  path: string,
  policy: PolicyConfig,
): { seq: number; matched: MatchedIncident[] | null } {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    return db.transaction(() => ({ seq: ReadStore.seqOf(db), matched: liveMatching(db, {}, policy) }))();
  } finally {
    db.close();
  }
}

/** Coordinates as the details hold them: a field only where it is a number. */
const coordinates = (latitude: unknown, longitude: unknown) => ({
  ...(typeof latitude === 'number' && { latitude }),
  ...(typeof longitude === 'number' && { longitude }),
});

/**
 * The canonical incidents now that `filter` keeps, in two parts: `moved`, those a correction of what lists read
 * touched (read whole, kept by `incidentMatcher`); `base`, the FROM and WHERE of the others (version 0 `v` and the
 * stored assessment `a`), for `params`. Null while an incident is due to be assessed: stored assessments are not all
 * current then.
 */
function partsOf(db: Database, filter: LiveIncidentFilter, policy: PolicyConfig) {
  lowerCaseIn(db);
  if (db.prepare('SELECT EXISTS (SELECT 1 FROM dirty_incidents)').pluck().get() !== 0) return null;
  const corrected = db
    .prepare(`SELECT DISTINCT c.incident_id FROM incident_versions c WHERE ${CORRECTED}`)
    .pluck()
    .all() as string[];
  const keep = incidentMatcher(filter);
  const moved: LiveIncident[] = [];
  for (const id of corrected) {
    const i = liveIncident(db, id, policy, null);
    // A merged duplicate's id gives its canonical incident: listed once, under its own id.
    if (i !== null && i.incidentId === id && keep(i)) moved.push(i);
  }
  const { sql, params } = whereOf(filter);
  // Only canonical incidents have a stored assessment (a merge drops its duplicate's): the join keeps them.
  const base = `FROM incident_versions v CROSS JOIN assessments a
    WHERE v.reason IS NULL AND a.incident_id = v.incident_id AND a.policy_version = @policy
    AND NOT EXISTS (SELECT 1 FROM incident_versions c WHERE c.incident_id = v.incident_id AND ${CORRECTED})${sql}`;
  return { moved, base, params: { ...params, policy: policy.version } };
}
