import { lazyProperty } from './lazy-property';
import { assessWithHistory, ccmStatusOn } from '@app/domain';
import type { CcmState, CcmStatus, IncidentEvidence, IsoDate, StatementKind, Status } from '@app/domain';
import { daysBetween, milestonesOf } from './dates';
import { buildEvidence } from './evidence';
import { incidentMatcher } from './incident.queries';
import type { IncidentView, RegistryModel, StatementView } from './model';
import { resolveIncidentId } from './model';
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
  return latest;
}

/**
 * The confirmation date of each matched incident confirmed on `asOf`. When all of an incident's evidence
 * is dated on or before `asOf`, or the model was assessed as of that very day (knownOn), the policy as of
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
 * The statements about the matched incidents, as parallel arrays (no object per statement: a report on the
 * whole registry reads most of a million, and the loops over them read only a kind or a date): the
 * statement, the matched incidents it is about, its kind and its delivery date.
 */
interface Spoken { statements: StatementView[]; about: (readonly string[])[]; kinds: StatementKind[]; dates: IsoDate[] }

const NONE: readonly string[] = Object.freeze([]);

/** Every incident id (duplicates too) that resolves to a matched incident, with that incident's id. */
function matchedIdsOf(model: RegistryModel, incidents: IncidentView[]): Map<string, string> {
  const matched = new Set<string>();
  for (const incident of incidents) matched.add(incident.incidentId);
  const canonicalOf = new Map<string, string>();
  for (const id of model.incidents.keys()) {
    const canonical = resolveIncidentId(model, id);
    if (matched.has(canonical)) canonicalOf.set(id, canonical);
  }
  return canonicalOf;
}

/** A statement's incident ids resolved, without repeats, among the matched ones (the statement's own list when it can be). */
function aboutMatched(ids: readonly string[], canonicalOf: ReadonlyMap<string, string>): readonly string[] {
  if (ids.length === 1) {
    const id = canonicalOf.get(ids[0]);
    return id === undefined ? NONE : id === ids[0] ? ids : [id];
  }
  const about: string[] = [];
  for (const raw of ids) {
    const id = canonicalOf.get(raw);
    if (id !== undefined && !about.includes(id)) about.push(id);
  }
  return about;
}

/**
 * The statements about the matched incidents delivered on or before `asOf`, in recording order. For a report
 * on much of the registry, one pass over every statement in recording order is far cheaper than looking each
 * id up; otherwise only the incidents' lists are read, and the few statements found are put in recording order.
 */
function statementsAbout(model: RegistryModel, incidents: IncidentView[], asOf: IsoDate, scanAll: boolean): Spoken {
  const canonicalOf = matchedIdsOf(model, incidents);
  let found: Iterable<StatementView> = model.statements.values();
  if (!scanAll) {
    const listed = new Map<string, StatementView>();
    for (const incident of incidents) {
      for (const id of incident.statementIds) {
        const s = listed.has(id) ? undefined : model.statements.get(id);
        if (s) listed.set(id, s);
      }
    }
    found = [...listed.values()].sort((a, b) => a.seq - b.seq);
  }
  const spoken: Spoken = { statements: [], about: [], kinds: [], dates: [] };
  for (const s of found) {
    if (s.deliveredOn > asOf) continue;
    const about = aboutMatched(s.incidentIds, canonicalOf);
    if (about.length === 0) continue;
    spoken.statements.push(s);
    spoken.about.push(about);
    spoken.kinds.push(s.kind);
    spoken.dates.push(s.deliveredOn);
  }
  return spoken;
}

/**
 * Whether the report is on a good part of the registry (a quarter of its incidents or more), so that one pass
 * over every statement beats looking up the incidents' own (see statementsAbout): statements spread over
 * incidents, and counting them would be a pass of its own.
 */
function coversMuchOfRegistry(model: RegistryModel, incidents: IncidentView[]): boolean {
  return incidents.length * 4 >= model.incidents.size;
}

/** Each State's statements (indexes into `spoken`, recording order), once per co-signer. */
function statementsByState(spoken: Spoken): Map<string, number[]> {
  const byState = new Map<string, number[]>();
  for (let i = 0; i < spoken.statements.length; i++) {
    const speakers = spoken.statements[i].speakers;
    for (let k = 0; k < speakers.length; k++) {
      const code = speakers[k];
      if (k > 0 && speakers.indexOf(code) !== k) continue;
      let list = byState.get(code);
      if (!list) byState.set(code, (list = []));
      list.push(i);
    }
  }
  return byState;
}

/** A party's first condemnation of each incident it condemned. */
interface FirstCondemnations { stateCode: string; firstOn: Map<string, IsoDate> }

function firstCondemnations(stateCode: string, spoken: Spoken, condemnations: number[]): FirstCondemnations {
  const firstOn = new Map<string, IsoDate>();
  for (const i of condemnations) {
    const on = spoken.dates[i];
    for (const id of spoken.about[i]) {
      const earlier = firstOn.get(id);
      if (earlier === undefined || on < earlier) firstOn.set(id, on);
    }
  }
  return { stateCode, firstOn };
}

/** Lags from confirmation to each party's first condemnation of each confirmed incident (parties, then `confirmedOn` order). */
function lagsOf(parties: FirstCondemnations[], confirmedOn: ReadonlyMap<string, IsoDate>): CondemnationLag[] {
  const lags: CondemnationLag[] = [];
  for (const { stateCode, firstOn } of parties) {
    for (const [incidentId, confirmed] of confirmedOn) {
      const condemnedOn = firstOn.get(incidentId);
      if (condemnedOn === undefined) continue;
      lags.push({ stateCode, incidentId, confirmedOn: confirmed, condemnedOn, days: Math.max(0, daysBetween(confirmed, condemnedOn)) });
    }
  }
  return lags;
}

/** The lags in days alone (as lagsOf), without building the lag objects; each date parsed once. */
function lagDaysOf(parties: FirstCondemnations[], confirmedOn: ReadonlyMap<string, IsoDate>): number[] {
  const dayNumbers = new Map<IsoDate, number>();
  const dayOf = (date: IsoDate) => {
    let n = dayNumbers.get(date);
    if (n === undefined) dayNumbers.set(date, (n = daysBetween('1970-01-01', date)));
    return n;
  };
  const days: number[] = [];
  for (const { firstOn } of parties) {
    for (const [incidentId, confirmed] of confirmedOn) {
      const condemnedOn = firstOn.get(incidentId);
      if (condemnedOn !== undefined) days.push(Math.max(0, dayOf(condemnedOn) - dayOf(confirmed)));
    }
  }
  return days;
}

/**
 * Who spoke out on a set of incidents. States Parties are those on `asOfDate` (default: the latest
 * evidence date in the registry); condemned, concerned and silent partition them. A condemnation
 * before the registry confirmed the incident counts with lag 0. Linear in the statements about the
 * matched incidents, or in all statements when they are a good part of them; `scanAll` forces one of the
 * two ways (they give the same report: the tests compare them).
 */
export function speakOutReport(model: RegistryModel, states: readonly CcmState[], filter: SpeakOutFilter = {},
  asOfDate?: IsoDate, options: { scanAll?: boolean } = {}): SpeakOutReport {
  const asOf = asOfDate ?? model.latestEvidenceDate ?? '1970-01-01';
  const incidents = matchedIncidents(model, filter);
  const confirmedOn = confirmations(model, incidents, asOfDate);
  const parties = states.filter((st) => ccmStatusOn(st, asOf) === 'STATE_PARTY')
    .sort((a, b) => (a.iso3 < b.iso3 ? -1 : 1));
  const partyCodes = new Set(parties.map((p) => p.iso3));
  const spoken = statementsAbout(model, incidents, asOf, options.scanAll ?? coversMuchOfRegistry(model, incidents));
  const byState = statementsByState(spoken);
  const condemned: StateResponse[] = [];
  const expressedConcern: StateResponse[] = [];
  const silent: SpeakOutReport['silent'] = [];
  const firsts: FirstCondemnations[] = [];
  for (const party of parties) {
    const condemnations: number[] = [];
    const concerns: number[] = [];
    for (const i of byState.get(party.iso3) ?? []) {
      const kind = spoken.kinds[i];
      if (kind === 'CONDEMNATION') condemnations.push(i);
      else if (CONCERN_KINDS.includes(kind)) concerns.push(i);
    }
    if (condemnations.length > 0) {
      condemned.push(response(party, spoken, condemnations));
      firsts.push(firstCondemnations(party.iso3, spoken, condemnations));
    } else if (concerns.length > 0) expressedConcern.push(response(party, spoken, concerns));
    else if (confirmedOn.size > 0) silent.push({ stateCode: party.iso3, name: party.name });
  }
  const nonPartiesThatSpoke: NonPartySpeaker[] = [];
  for (const [code, indexes] of byState) {
    if (partyCodes.has(code)) continue;
    const said = indexes.map((i) => spoken.statements[i]);
    nonPartiesThatSpoke.push({
      stateCode: code, name: states.find((st) => st.iso3 === code)?.name ?? null, ccmStatus: ccmStatusOf(states, code, asOf),
      kinds: [...new Set(said.map((s) => s.kind))], statementIds: said.map((s) => s.statementId),
    });
  }
  nonPartiesThatSpoke.sort((a, b) => (a.stateCode < b.stateCode ? -1 : 1));
  const days = lagDaysOf(firsts, confirmedOn);
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
  return lazyProperty(report, 'lags', () => lagsOf(firsts, confirmedOn));
}

// Math.max(...values) overflows the stack for very long lists.
function maxOf(values: number[]): number | null {
  let max: number | null = null;
  for (const v of values) if (max === null || v > max) max = v;
  return max;
}

/** A party's answer from its statements of one kind group (indexes in recording order): oldest first by delivery date. */
function response(state: CcmState, spoken: Spoken, indexes: number[]): StateResponse {
  const dateOf = (i: number) => spoken.dates[i];
  let firstOn = dateOf(indexes[0]);
  for (const i of indexes) if (dateOf(i) < firstOn) firstOn = dateOf(i);
  const answer: StateResponse = { stateCode: state.iso3, name: state.name, statementIds: [], firstOn, incidentIds: [] };
  // A stable sort: ties keep recording order.
  lazyProperty(answer, 'statementIds', () => [...indexes].sort((a, b) => (dateOf(a) < dateOf(b) ? -1 : dateOf(a) > dateOf(b) ? 1 : 0))
    .map((i) => spoken.statements[i].statementId));
  return lazyProperty(answer, 'incidentIds', () => {
    const incidentIds = new Set<string>();
    for (const i of indexes) for (const id of spoken.about[i]) incidentIds.add(id);
    return [...incidentIds].sort();
  });
}
