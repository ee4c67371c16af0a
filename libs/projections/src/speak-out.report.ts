import { lazyProperty } from './lazy-property';
import { assessWithHistory, ccmStatusOn, STATEMENT_KINDS } from '@app/domain';
import type { CcmState, CcmStatus, IncidentEvidence, IsoDate, StatementKind, Status } from '@app/domain';
import { daysBetween, milestonesOf } from './dates';
import { buildEvidence } from './evidence';
import { incidentMatcher } from './incident.queries';
import type { IncidentView, RegistryModel } from './model';
import { resolveIncidentId } from './model';
import { dayNumber, type StatementColumns } from './statement-columns';
import { ccmStatusOf } from './statement.queries';

export interface SpeakOutFilter {
  /** Incidents (merged duplicates resolve to their canonical incident). */
  incidentIds?: readonly string[];
  countryCode?: string;
  /** A State code among the alleged user's. */
  allegedUser?: string;
  /** Incidents whose occurrence range overlaps [from, to]. */
  from?: IsoDate;
  to?: IsoDate;
}

export interface StateResponse {
  stateCode: string;
  name: string;
  /** Statements (joint ones included, counted for each co-signer) of this kind group, oldest first. */
  statementIds: string[];
  firstOn: IsoDate;
  incidentIds: string[];
}

export interface CondemnationLag { stateCode: string; incidentId: string; confirmedOn: IsoDate; condemnedOn: IsoDate; days: number }

export interface NonPartySpeaker { stateCode: string; name: string | null; ccmStatus: CcmStatus; kinds: StatementKind[]; statementIds: string[] }

export interface SpeakOutReport {
  /** The date the report speaks for: memberships, statuses and statements are taken as of it. */
  asOf: IsoDate;
  incidentIds: string[];
  confirmedIncidentIds: string[];
  statesPartiesCount: number;
  condemned: StateResponse[];
  /** States Parties that expressed concern or called for an investigation, but did not condemn. */
  expressedConcern: StateResponse[];
  /** States Parties that said nothing about the incidents although at least one is confirmed. */
  silent: { stateCode: string; name: string }[];
  /** Lag from confirmation to each State Party's first condemnation of each confirmed incident. */
  lags: CondemnationLag[];
  medianLagDays: number | null;
  maxLagDays: number | null;
  nonPartiesThatSpoke: NonPartySpeaker[];
}

const CONCERN_KINDS: readonly StatementKind[] = ['CONCERN', 'CALL_FOR_INVESTIGATION'];

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function matchedIncidents(model: RegistryModel, filter: SpeakOutFilter): IncidentView[] {
  const wanted = filter.incidentIds && new Set(filter.incidentIds.map((id) => resolveIncidentId(model, id)));
  const matches = incidentMatcher({ countryCode: filter.countryCode, allegedUser: filter.allegedUser, occurredFrom: filter.from,
    occurredTo: filter.to });
  const result: IncidentView[] = [];
  for (const incident of model.incidents.values()) {
    if (incident.mergedInto || (wanted && !wanted.has(incident.incidentId))) continue;
    if (matches(incident)) result.push(incident);
  }
  return result;
}

/** The latest date in an incident's evidence (null when it has none). */
function latestEvidenceDate(e: IncidentEvidence): IsoDate | null {
  let latest: IsoDate | null = e.withdrawnOn ?? null;
  const see = (d: IsoDate | undefined) => { if (d !== undefined && (latest === null || d > latest)) latest = d; };
  for (const c of e.corroborations) { see(c.publishedOn); see(c.retractedOn); }
  for (const i of e.investigations) { see(i.openedOn); see(i.concludedOn); }
  for (const s of e.statements) see(s.deliveredOn);
  // Regrades take effect from their dates (issue 12): a later one changes the status on its day.
  for (const c of e.corroborations) for (const r of c.regrades ?? []) see(r.from);
  for (const i of e.investigations) for (const r of i.investigatorRegrades ?? []) see(r.from);
  return latest;
}

/**
 * The confirmation date of each matched incident confirmed on `asOf`. When all of an incident's evidence
 * is dated on or before `asOf`, or the model was assessed as of that very day (deriveAsOf), the policy as of
 * that date sees exactly what the model assessed, so its assessment and history are used as they stand;
 * otherwise the policy runs again as of the date.
 */
function confirmations(model: RegistryModel, incidents: IncidentView[], asOfDate: IsoDate | undefined): Map<string, IsoDate> {
  const confirmedOn = new Map<string, IsoDate>();
  for (const incident of incidents) {
    let status: Status = incident.assessment.status;
    let history = incident.statusHistory;
    if (asOfDate !== undefined && model.assessedOn !== asOfDate) {
      const evidence = buildEvidence(model, incident);
      const latest = latestEvidenceDate(evidence);
      if (latest !== null && latest > asOfDate) {
        const then = assessWithHistory(evidence, model.policy, asOfDate);
        status = then.assessment.status;
        history = then.history;
      }
    }
    if (status !== 'CONFIRMED') continue;
    const on = milestonesOf({ statusHistory: history }).confirmedOn;
    if (on !== null) confirmedOn.set(incident.incidentId, on);
  }
  return confirmedOn;
}

/**
 * The statements about the matched incidents up to the report date, read from the packed columns (see
 * StatementColumns), as typed arrays: each one's row, kind code and delivery day, and the matched incidents
 * it is about (as one incident's number, or a list for the few about several). Nothing here touches a
 * statement object; outputs read the few they show.
 */
interface Spoken {
  columns: StatementColumns;
  count: number;
  rows: Int32Array;
  kinds: Uint8Array;
  days: Int32Array;
  /**
   * The row's matched incidents as numbers into `aboutOne` (a second one, or -1), or -1 in `incident` when
   * `aboutMany` holds the list (a statement naming more than two incidents).
   */
  incident: Int32Array;
  incident2: Int32Array;
  aboutOne: (readonly string[] | null)[];
  aboutMany: Map<number, readonly string[]>;
}

/** Calls `each` with the matched incidents statement `i` of `spoken` is about, each once. */
function forEachAbout(spoken: Spoken, i: number, each: (incidentId: string) => void): void {
  const first = spoken.incident[i];
  if (first < 0) {
    spoken.aboutMany.get(i)!.forEach((id) => each(id));
    return;
  }
  const id = spoken.aboutOne[first]![0];
  each(id);
  const second = spoken.incident2[i];
  if (second >= 0 && spoken.aboutOne[second]![0] !== id) each(spoken.aboutOne[second]![0]);
}

const CONDEMNATION = STATEMENT_KINDS.indexOf('CONDEMNATION');
const CONCERN_CODES = CONCERN_KINDS.map((kind) => STATEMENT_KINDS.indexOf(kind));

function statementsAbout(model: RegistryModel, incidents: IncidentView[], asOf: IsoDate): Spoken {
  const columns = model.statementColumns;
  const matched = new Set<string>();
  for (const incident of incidents) matched.add(incident.incidentId);
  // Per incident number: the matched incident it resolves to (a duplicate to its canonical one), as a one-id list.
  const aboutOne = columns.incidentIds.map((id): readonly string[] | null => {
    const canonical = resolveIncidentId(model, id);
    return matched.has(canonical) ? [canonical] : null;
  });
  const many = (row: number): readonly string[] | null => {
    const about: string[] = [];
    for (const n of columns.incidentsOf(row)) {
      const id = aboutOne[n]?.[0];
      if (id !== undefined && !about.includes(id)) about.push(id);
    }
    return about.length > 0 ? about : null;
  };
  const size = columns.length;
  const spoken: Spoken = {
    columns, count: 0, rows: new Int32Array(size), kinds: new Uint8Array(size), days: new Int32Array(size),
    incident: new Int32Array(size), incident2: new Int32Array(size), aboutOne, aboutMany: new Map(),
  };
  const { days, kinds, incidents: numbers, moreIncidents } = columns;
  const last = dayNumber(asOf);
  for (let row = 0; row < size; row++) {
    const day = days[row];
    if (day > last) continue;
    const i = spoken.count;
    let first = numbers[row * 2];
    let second = numbers[row * 2 + 1];
    if (second >= 0 && moreIncidents.size > 0 && moreIncidents.has(row)) {
      const about = many(row);
      if (about === null) continue;
      spoken.aboutMany.set(i, about);
      first = second = -1;
    } else {
      if (first >= 0 && aboutOne[first] === null) first = -1;
      if (second >= 0 && aboutOne[second] === null) second = -1;
      if (first < 0) [first, second] = [second, -1];
      if (first < 0) continue;
    }
    spoken.incident[i] = first;
    spoken.incident2[i] = second;
    spoken.rows[i] = row;
    spoken.kinds[i] = kinds[row];
    spoken.days[i] = day;
    spoken.count++;
  }
  return spoken;
}

/** Each State's statements (indexes into `spoken`, recording order), once per co-signer, by State number. */
function statementsByState(spoken: Spoken): Map<number, number[]> {
  const lists: number[][] = [];
  const { columns } = spoken;
  const add = (state: number, i: number) => (lists[state] ??= []).push(i);
  for (let i = 0; i < spoken.count; i++) {
    const row = spoken.rows[i];
    // Most statements have one speaker: read it straight from the column.
    const sole = columns.soleSpeaker(row);
    if (sole >= 0) add(sole, i);
    else columns.forEachSpeaker(row, (state) => add(state, i));
  }
  const byState = new Map<number, number[]>();
  lists.forEach((list, state) => byState.set(state, list));
  return byState;
}

/** A party's first condemnation (an index into `spoken`) of each incident it condemned. */
interface FirstCondemnations { stateCode: string; first: Map<string, number> }

function firstCondemnations(stateCode: string, spoken: Spoken, condemnations: number[]): FirstCondemnations {
  const first = new Map<string, number>();
  for (const i of condemnations) {
    forEachAbout(spoken, i, (id) => {
      const earlier = first.get(id);
      if (earlier === undefined || spoken.days[i] < spoken.days[earlier]) first.set(id, i);
    });
  }
  return { stateCode, first };
}

/** Lags from confirmation to each party's first condemnation of each confirmed incident (parties, then `confirmedOn` order). */
function lagsOf(spoken: Spoken, parties: FirstCondemnations[], confirmedOn: ReadonlyMap<string, IsoDate>): CondemnationLag[] {
  const lags: CondemnationLag[] = [];
  for (const { stateCode, first } of parties) {
    for (const [incidentId, confirmed] of confirmedOn) {
      const i = first.get(incidentId);
      if (i === undefined) continue;
      const condemnedOn = spoken.columns.view(spoken.rows[i]).deliveredOn;
      lags.push({ stateCode, incidentId, confirmedOn: confirmed, condemnedOn, days: Math.max(0, daysBetween(confirmed, condemnedOn)) });
    }
  }
  return lags;
}

/** The lags in days alone (as lagsOf), without building the lag objects. */
function lagDaysOf(spoken: Spoken, parties: FirstCondemnations[], confirmedOn: ReadonlyMap<string, IsoDate>): number[] {
  const confirmedDays = [...confirmedOn].map(([id, on]) => [id, dayNumber(on)] as const);
  const days: number[] = [];
  for (const { first } of parties) {
    for (const [incidentId, confirmed] of confirmedDays) {
      const i = first.get(incidentId);
      if (i !== undefined) days.push(Math.max(0, spoken.days[i] - confirmed));
    }
  }
  return days;
}

/**
 * Who spoke out on a set of incidents. States Parties are those on `asOfDate` (default: the latest
 * evidence date in the registry); condemned, concerned and silent partition them. A condemnation
 * before the registry confirmed the incident counts with lag 0. One pass over the packed statement
 * columns (a few milliseconds per million statements), plus the policy where the date asks for it.
 */
export function speakOutReport(model: RegistryModel, states: readonly CcmState[], filter: SpeakOutFilter = {},
  asOfDate?: IsoDate): SpeakOutReport {
  const asOf = asOfDate ?? model.latestEvidenceDate ?? '1970-01-01';
  const incidents = matchedIncidents(model, filter);
  const confirmedOn = confirmations(model, incidents, asOfDate);
  const parties = states.filter((st) => ccmStatusOn(st, asOf) === 'STATE_PARTY')
    .sort((a, b) => (a.iso3 < b.iso3 ? -1 : 1));
  const partyCodes = new Set(parties.map((p) => p.iso3));
  const spoken = statementsAbout(model, incidents, asOf);
  const byState = statementsByState(spoken);
  const { columns } = spoken;
  const condemned: StateResponse[] = [];
  const expressedConcern: StateResponse[] = [];
  const silent: SpeakOutReport['silent'] = [];
  const firsts: FirstCondemnations[] = [];
  for (const party of parties) {
    const condemnations: number[] = [];
    const concerns: number[] = [];
    const number = columns.stateNumber(party.iso3);
    for (const i of (number === undefined ? undefined : byState.get(number)) ?? []) {
      const kind = spoken.kinds[i];
      if (kind === CONDEMNATION) condemnations.push(i);
      else if (CONCERN_CODES.includes(kind)) concerns.push(i);
    }
    if (condemnations.length > 0) {
      condemned.push(response(party, spoken, condemnations));
      firsts.push(firstCondemnations(party.iso3, spoken, condemnations));
    } else if (concerns.length > 0) expressedConcern.push(response(party, spoken, concerns));
    else if (confirmedOn.size > 0) silent.push({ stateCode: party.iso3, name: party.name });
  }
  const nonPartiesThatSpoke: NonPartySpeaker[] = [];
  for (const [number, indexes] of byState) {
    const code = columns.stateCodes[number];
    if (partyCodes.has(code)) continue;
    const speaker: NonPartySpeaker = {
      stateCode: code, name: states.find((st) => st.iso3 === code)?.name ?? null, ccmStatus: ccmStatusOf(states, code, asOf),
      kinds: [...new Set(indexes.map((i) => spoken.kinds[i]))].map((kind) => STATEMENT_KINDS[kind]), statementIds: [],
    };
    nonPartiesThatSpoke.push(lazyProperty(speaker, 'statementIds', () => indexes.map((i) => columns.view(spoken.rows[i]).statementId)));
  }
  nonPartiesThatSpoke.sort((a, b) => (a.stateCode < b.stateCode ? -1 : 1));
  const days = lagDaysOf(spoken, firsts, confirmedOn);
  const report: SpeakOutReport = {
    asOf,
    incidentIds: incidents.map((i) => i.incidentId).sort(),
    confirmedIncidentIds: [...confirmedOn.keys()].sort(),
    statesPartiesCount: parties.length,
    condemned, expressedConcern, silent, lags: [],
    medianLagDays: median(days),
    maxLagDays: maxOf(days),
    nonPartiesThatSpoke,
  };
  return lazyProperty(report, 'lags', () => lagsOf(spoken, firsts, confirmedOn));
}

// Math.max(...values) overflows the stack for very long lists.
function maxOf(values: number[]): number | null {
  let max: number | null = null;
  for (const v of values) if (max === null || v > max) max = v;
  return max;
}

/** A party's answer from its statements of one kind group (indexes in recording order): oldest first by delivery date. */
function response(state: CcmState, spoken: Spoken, indexes: number[]): StateResponse {
  const view = (i: number) => spoken.columns.view(spoken.rows[i]);
  let earliest = indexes[0];
  for (const i of indexes) if (spoken.days[i] < spoken.days[earliest]) earliest = i;
  const answer: StateResponse = { stateCode: state.iso3, name: state.name, statementIds: [], firstOn: view(earliest).deliveredOn, incidentIds: [] };
  // A stable sort: ties keep recording order.
  lazyProperty(answer, 'statementIds', () => [...indexes].sort((a, b) => spoken.days[a] - spoken.days[b]).map((i) => view(i).statementId));
  return lazyProperty(answer, 'incidentIds', () => {
    const incidentIds = new Set<string>();
    for (const i of indexes) forEachAbout(spoken, i, (id) => incidentIds.add(id));
    return [...incidentIds].sort();
  });
}
