import { STATEMENT_KINDS } from '@app/domain';
import type { IsoDate, StatementKind, StatementScope, Vote } from '@app/domain';
import {
  scopeCoverage,
  SCOPE_LEVELS,
  type ScopeLevel,
  type Subject,
  subjectCoverage,
  type Utterance,
} from './coverage';
import type { ReportedIncident, ReportSource } from './report-source';
import { ABSENT_DAY, dayNumber } from './day-numbers';

/** No day yet (later than every day a statement can have). */
export const NO_DAY = ABSENT_DAY;

/** The kinds that count as speaking out, strongest first. */
export const RESPONSE_KINDS = [
  'CONDEMNATION',
  'CONCERN',
  'CALL_FOR_INVESTIGATION',
] as const satisfies readonly StatementKind[];
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

/** By kind code (the index in STATEMENT_KINDS, as the columns store it): its rank among RESPONSE_KINDS, or -1. */
const RANK = STATEMENT_KINDS.map((kind) => (RESPONSE_KINDS as readonly StatementKind[]).indexOf(kind));
const CONDEMNATION = STATEMENT_KINDS.indexOf('CONDEMNATION');
const INCIDENT_LEVEL = SCOPE_LEVELS.indexOf('INCIDENT');
const levelOf = (level: ScopeLevel | null): number => (level === null ? -1 : SCOPE_LEVELS.indexOf(level));
const moreSpecific = (a: number, b: number): number => (a < 0 ? b : b < 0 ? a : Math.min(a, b));

/**
 * One State's responses about the subject, as numbers: days since 1970, statement rows (recording order),
 * kind codes and scope levels as SCOPE_LEVELS indexes; the report turns the few it shows into dates and ids.
 */
export interface Acc {
  best: {
    rank: number;
    level: number;
    day: number;
    seq: number;
    /** The statement's row, or -1 for a resolution. */
    row: number;
    resolutionId: string | null;
  } | null;
  /** Its number in `Heard` (the statements it made about the subject are kept there). */
  id: number;
  /** Every kind it used, in the order first used. */
  kinds: StatementKind[];
  kindMask: number;
  votes: { resolutionId: string; symbol: string; vote: Vote; adoptedOn: IsoDate }[];
  genericDay: number;
  firstCondemnationDay: number;
  /** The earliest condemnation covering a confirmed incident, and the earliest first confirmation among those. */
  lagDay: number;
  lagFrom: number;
  /** By confirmed incident (its index in `Scan.confirmed`): the day of its first condemnation covering it. */
  byIncident: Int32Array | null;
}

export const newAcc = (id = -1): Acc => ({
  best: null,
  id,
  kinds: [],
  kindMask: 0,
  votes: [],
  genericDay: NO_DAY,
  firstCondemnationDay: NO_DAY,
  lagDay: NO_DAY,
  lagFrom: NO_DAY,
  byIncident: null,
});

/**
 * Every (speaker, statement row, day) the scan heard, in recording order, packed in typed arrays that grow by
 * doubling: a report over a million statements keeps them without a million-entry list per State on the heap.
 * Grouped by speaker only when a line's statement ids are first read.
 */
export class Heard {
  private accIds: Int32Array;
  private rows: Int32Array;
  private days: Int32Array;
  private count = 0;
  private grouped: { starts: Int32Array; order: Int32Array } | null = null;

  /** Sized for one speaker per row (most statements have one): usually no growth at all. */
  constructor(capacity: number) {
    const size = Math.max(capacity, 1024);
    this.accIds = new Int32Array(size);
    this.rows = new Int32Array(size);
    this.days = new Int32Array(size);
  }

  add(accId: number, row: number, day: number): void {
    if (this.count === this.rows.length) {
      const grow = (a: Int32Array) => {
        const next = new Int32Array(Math.ceil(a.length * 1.5));
        next.set(a);
        return next;
      };
      this.accIds = grow(this.accIds);
      this.rows = grow(this.rows);
      this.days = grow(this.days);
    }
    this.accIds[this.count] = accId;
    this.rows[this.count] = row;
    this.days[this.count++] = day;
  }

  /**
   * Sheds the room left once the scan is over, when it heard in fewer than half the entries it has room for: a report
   * keeps its log for its statement ids, and a log sized for every statement (12 MB for the benchmark's million
   * statements) would be kept whatever a filter left of them, by every report kept. A log at least half full is kept
   * as it is: copying it would cost a report as of a date about 20 ms for a few MB.
   */
  seal(): this {
    if (this.count * 2 >= this.rows.length) return this;
    const fit = (a: Int32Array) => a.slice(0, this.count);
    this.accIds = fit(this.accIds);
    this.rows = fit(this.rows);
    this.days = fit(this.days);
    return this;
  }

  /** How many entries were heard. */
  get length(): number {
    return this.count;
  }

  /** How many entries the log has room for. */
  get room(): number {
    return this.rows.length;
  }

  /** The rows a speaker was heard in, oldest first by day, ties in recording order. */
  rowsOf(accId: number): number[] {
    const { starts, order } = (this.grouped ??= this.group());
    if (accId < 0 || accId + 1 >= starts.length) return [];
    const mine = Array.from(order.subarray(starts[accId], starts[accId + 1]));
    // A stable sort: entries of one day stay in recording order.
    return mine.sort((x, y) => this.days[x] - this.days[y]).map((i) => this.rows[i]);
  }

  /** A counting sort of the entries by speaker, keeping recording order within each. */
  private group(): { starts: Int32Array; order: Int32Array } {
    let speakers = 0;
    for (let i = 0; i < this.count; i++) speakers = Math.max(speakers, this.accIds[i] + 1);
    const starts = new Int32Array(speakers + 1);
    for (let i = 0; i < this.count; i++) starts[this.accIds[i] + 1]++;
    for (let a = 0; a < speakers; a++) starts[a + 1] += starts[a];
    const next = starts.slice(0, speakers);
    const order = new Int32Array(this.count);
    for (let i = 0; i < this.count; i++) order[next[this.accIds[i]]++] = i;
    return { starts, order };
  }
}

export interface Scan {
  heard: Heard;
  accs: Map<string, Acc>;
  /** The confirmed matched incidents, and the day each was first confirmed (same order). */
  confirmed: string[];
  confirmedDays: Int32Array;
}

/** Per scope (by value): the most specific level at which it reaches a matched incident, and the confirmed ones. */
interface Reach {
  level: number;
  covered: number[];
}

/**
 * Every statement delivered by `lastDay` and every resolution adopted by then that covers the subject (as
 * coverageOf decides: the matched incidents it names, then those its scope reaches), heard for each speaker.
 * Statements are read from the packed columns; a statement without a scope beyond its incidents (nearly all) is
 * judged from its incident numbers alone, and a scope's reach is worked out once per distinct scope.
 */
export function scanResponses(
  source: ReportSource,
  incidents: readonly ReportedIncident[],
  firstConfirmedDays: ReadonlyMap<string, number>,
  subject: Subject,
  asOf: IsoDate,
): Scan {
  const lastDay = dayNumber(asOf);
  const confirmed = [...firstConfirmedDays.keys()];
  const confirmedDays = Int32Array.from(firstConfirmedDays.values());
  const index = new Map(confirmed.map((id, k) => [id, k]));
  const matched = new Set(incidents.map((i) => i.incidentId));
  const accs = new Map<string, Acc>();
  const accOf = (code: string) => accs.get(code) ?? accs.set(code, newAcc(accs.size)).get(code)!;
  const columns = source.statements;
  const heard = new Heard(columns.length);
  const byState: (Acc | undefined)[] = [];
  const accOfState = (state: number) => (byState[state] ??= accOf(columns.stateCodes[state]));

  const reaches = new Map<string, Reach>();
  const reachOf = (scope: StatementScope): Reach => {
    const key = JSON.stringify(scope);
    let reach = reaches.get(key);
    if (!reach) {
      reach = { level: -1, covered: [] };
      for (const incident of incidents) {
        const level = levelOf(scopeCoverage(scope, incident));
        if (level < 0) continue;
        reach.level = moreSpecific(reach.level, level);
        const k = index.get(incident.incidentId);
        if (k !== undefined) reach.covered.push(k);
      }
      reaches.set(key, reach);
    }
    return reach;
  };
  // What an utterance with a scope covers, written from the start of one scratch list (`coveredCount` long): never
  // emptied, so that it is not shrunk and grown again per scoped row (a situation reaches thousands of incidents).
  const covered: number[] = [];
  let coveredCount = 0;
  /** The level at which an utterance with a scope (or a resolution) reaches the subject; what it covers: `covered`. */
  const hear = (u: Utterance): number => {
    coveredCount = 0;
    let level = levelOf(subjectCoverage(u, subject));
    for (const raw of u.incidentIds) {
      const id = source.resolveIncidentId(raw);
      if (!matched.has(id)) continue;
      level = INCIDENT_LEVEL;
      const k = index.get(id);
      if (k !== undefined) covered[coveredCount++] = k;
    }
    if (u.scope !== undefined) {
      const reach = reachOf(u.scope);
      level = moreSpecific(level, reach.level);
      for (const k of reach.covered) covered[coveredCount++] = k;
    }
    return level;
  };

  // Per incident number: the confirmed incident it resolves to (its index), -1 matched but not confirmed, -2 neither.
  const about = Int32Array.from(columns.incidentIds, (id) => {
    const canonical = source.resolveIncidentId(id);
    return matched.has(canonical) ? (index.get(canonical) ?? -1) : -2;
  });
  const numbers: number[] = [];
  const states: number[] = [];
  // Most registries have few scoped statements: skip the per-row lookup when there are none.
  const scoped = columns.scoped.size > 0 ? columns.scoped : null;
  for (let row = 0, rows = columns.length; row < rows; row++) {
    const day = columns.dayOf(row);
    if (day > lastDay || day === ABSENT_DAY) continue;
    let level = -1;
    let count = 0;
    let generic = false;
    if (scoped !== null && scoped.has(row)) {
      const view = columns.view(row);
      level = hear({
        kind: view.kind,
        on: view.deliveredOn,
        speakers: view.speakers,
        incidentIds: view.incidentIds,
        scope: view.scope,
        statementId: view.statementId,
        resolutionId: null,
      });
      count = coveredCount;
      generic = view.scope?.generic === true;
    } else {
      const named = columns.incidentNumbersInto(row, numbers);
      for (let i = 0; i < named; i++) {
        const k = about[numbers[i]];
        if (k === -2) continue;
        level = INCIDENT_LEVEL;
        if (k >= 0) covered[count++] = k;
      }
    }
    if (level < 0) continue;
    const kind = columns.kindOf(row);
    const sole = columns.soleSpeaker(row);
    if (sole >= 0) record(accOfState(sole), heard, kind, level, day, row, covered, count, confirmedDays, generic, null);
    else {
      const speakers = columns.speakersInto(row, states);
      for (let i = 0; i < speakers; i++)
        record(accOfState(states[i]), heard, kind, level, day, row, covered, count, confirmedDays, generic, null);
    }
  }

  for (const { utterance: u, votes, symbol } of source.resolutions(asOf)) {
    const level = hear(u);
    if (level < 0) continue;
    const day = dayNumber(u.on);
    const kind = STATEMENT_KINDS.indexOf(u.kind);
    const generic = u.scope?.generic === true;
    for (const code of u.speakers)
      record(accOf(code), heard, kind, level, day, -1, covered, coveredCount, confirmedDays, generic, u.resolutionId);
    for (const v of votes)
      accOf(v.stateCode).votes.push({ resolutionId: u.resolutionId!, symbol, vote: v.vote, adoptedOn: u.on });
  }
  return { accs, heard: heard.seal(), confirmed, confirmedDays };
}

/**
 * One response of one speaker: a statement row (or a resolution: row -1), of a kind code, at a level, covering the
 * first `count` confirmed incidents of `covered` (a scratch list the scan reuses).
 */
function record(
  acc: Acc,
  heard: Heard,
  kind: number,
  level: number,
  day: number,
  row: number,
  covered: readonly number[],
  count: number,
  confirmedDays: Int32Array,
  generic: boolean,
  resolutionId: string | null,
): void {
  if ((acc.kindMask & (1 << kind)) === 0) {
    acc.kindMask |= 1 << kind;
    acc.kinds.push(STATEMENT_KINDS[kind]);
  }
  if (row >= 0) heard.add(acc.id, row, day);
  const rank = RANK[kind];
  if (rank < 0) return;
  const seq = row >= 0 ? row : Number.MAX_SAFE_INTEGER;
  const b = acc.best;
  const better =
    b === null ||
    rank < b.rank ||
    (rank === b.rank && (level < b.level || (level === b.level && (day < b.day || (day === b.day && seq < b.seq)))));
  if (better) acc.best = { rank, level, day, seq, row, resolutionId };
  if (kind !== CONDEMNATION) return;
  if (generic && day < acc.genericDay) acc.genericDay = day;
  if (day < acc.firstCondemnationDay) acc.firstCondemnationDay = day;
  if (count === 0) return;
  const first = (acc.byIncident ??= new Int32Array(confirmedDays.length).fill(NO_DAY));
  for (let i = 0; i < count; i++) {
    const k = covered[i];
    if (day < first[k]) first[k] = day;
    const from = confirmedDays[k];
    if (day < acc.lagDay) {
      acc.lagDay = day;
      acc.lagFrom = from;
    } else if (day === acc.lagDay && from < acc.lagFrom) acc.lagFrom = from;
  }
}
