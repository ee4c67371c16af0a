import { assessWithHistory, latestEvidenceDate, statesPartiesOn } from '@app/domain';
import type { CcmState, CcmStatus, IsoDate, StatementKind, UserScope, Vote } from '@app/domain';
import { buildEvidence } from './evidence';
import {
  moreSpecific,
  scopeCoverage,
  resolutionUtterances,
  type ScopeLevel,
  SCOPE_LEVELS,
  type Subject,
  subjectCoverage,
  type Utterance,
  usersOverlap,
} from './coverage';
import { milestonesOf } from './dates';
import { incidentMatcher } from './incident.queries';
import type { IncidentView, RegistryModel } from './model';
import { resolveIncidentId } from './model';
import { ABSENT_DAY, dayNumber } from './statement-columns';
import { ccmStatusOf } from './statement.queries';

export interface SpeakOutFilter {
  /** Incidents (merged duplicates resolve to their canonical incident). */
  incidentIds?: readonly string[];
  /** The incidents of a situation; statements naming the situation count even before any incident is logged. */
  situationId?: string;
  countryCode?: string;
  /** A State code among the alleged user's. */
  allegedUser?: string;
  /** A named alleged user (a coalition or an armed group), matched by name (case ignored). */
  allegedGroup?: string;
  /** Incidents whose occurrence range overlaps [from, to]. */
  from?: IsoDate;
  to?: IsoDate;
}

/** The kinds that count as speaking out, strongest first. */
export const RESPONSE_KINDS = [
  'CONDEMNATION',
  'CONCERN',
  'CALL_FOR_INVESTIGATION',
] as const satisfies readonly StatementKind[];
export type ResponseKind = (typeof RESPONSE_KINDS)[number];
const kindRank = (kind: StatementKind) => (RESPONSE_KINDS as readonly StatementKind[]).indexOf(kind);

export interface VoteCast {
  resolutionId: string;
  symbol: string;
  vote: Vote;
  adoptedOn: IsoDate;
}

/**
 * One State's line in the report: its strongest response about the subject, and how long after confirmation it
 * condemned.
 */
export interface ResponseLine {
  stateCode: string;
  name: string | null;
  /** Its CCM status on the report date. */
  ccmStatus: CcmStatus;
  /**
   * The strongest response (CONDEMNATION > CONCERN > CALL_FOR_INVESTIGATION; then the most specific scope; then the
   * earliest).
   */
  kind: ResponseKind | null;
  /** How specifically that response reached the subject: INCIDENT, SITUATION, USER or GENERIC. */
  scope: ScopeLevel | null;
  on: IsoDate | null;
  statementId: string | null;
  /** Set when the strongest response is a YES vote for a resolution. */
  resolutionId: string | null;
  /** Its first condemnation covering the subject, at any scope. */
  firstCondemnationOn: IsoDate | null;
  /**
   * Days from the first confirmation of a covered incident to its first condemnation covering it; negative:
   * anticipatory.
   */
  lagDays: number | null;
  anticipatory: boolean;
  /** Its first generic condemnation ("any use by any actor"), shown apart: it does not name this user or situation. */
  genericCondemnationOn: IsoDate | null;
  /** Every statement about the subject (any kind), oldest first by delivery date; ties in recording order. */
  statementIds: string[];
  /** Every kind it used about the subject (denials and acknowledgements included). */
  kinds: StatementKind[];
  /** Its votes on resolutions about the subject (a YES counts as a response; the others are shown only). */
  votes: VoteCast[];
}

export interface CondemnationLag {
  stateCode: string;
  incidentId: string;
  firstConfirmedOn: IsoDate;
  condemnedOn: IsoDate;
  days: number;
  anticipatory: boolean;
}

export interface SpeakOutReport {
  /** The date the report speaks for: memberships, statuses and statements are taken as of it. */
  asOf: IsoDate;
  incidentIds: string[];
  /** Incidents CONFIRMED on the report date. */
  confirmedIncidentIds: string[];
  /** Each matched incident that was ever CONFIRMED by the report date, with the first date it was (evidence clock). */
  firstConfirmations: { incidentId: string; firstConfirmedOn: IsoDate }[];
  statesPartiesCount: number;
  /** Every State Party on the report date, silent ones included, by State code. */
  statesParties: ResponseLine[];
  condemned: ResponseLine[];
  /** States Parties whose strongest response is concern or a call for an investigation. */
  expressedConcern: ResponseLine[];
  /** States Parties with no response at any scope. */
  silent: ResponseLine[];
  /**
   * Per State Party and confirmed incident: first confirmation to its first condemnation covering it (never clamped).
   */
  lags: CondemnationLag[];
  /** Over the States Parties' lagDays. */
  medianLagDays: number | null;
  minLagDays: number | null;
  maxLagDays: number | null;
  nonPartiesThatSpoke: ResponseLine[];
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function subjectOf(filter: SpeakOutFilter): Subject & { user: UserScope | undefined } {
  const codes = filter.allegedUser !== undefined ? [filter.allegedUser.toUpperCase()] : [];
  const user =
    codes.length > 0 || filter.allegedGroup !== undefined
      ? { stateCodes: codes, name: filter.allegedGroup }
      : undefined;
  return { situationId: filter.situationId, allegedUser: user, user };
}

function matchedIncidents(model: RegistryModel, filter: SpeakOutFilter, user: UserScope | undefined): IncidentView[] {
  const wanted = filter.incidentIds && new Set(filter.incidentIds.map((id) => resolveIncidentId(model, id)));
  const matches = incidentMatcher({
    countryCode: filter.countryCode,
    occurredFrom: filter.from,
    occurredTo: filter.to,
  });
  const result: IncidentView[] = [];
  for (const incident of model.incidents.values()) {
    if (incident.mergedInto || (wanted && !wanted.has(incident.incidentId))) continue;
    if (filter.situationId !== undefined && incident.details.situationId !== filter.situationId) continue;
    if (user && !usersOverlap(user, incident.details.allegedUser)) continue;
    if (matches(incident)) result.push(incident);
  }
  return result;
}

/**
 * Each matched incident's status history as of the report date: as assessed when all its evidence is dated
 * on or before it (or the model was derived as of that day), else the policy runs again as of the date.
 * Returns the incidents CONFIRMED then, and the first date each was ever CONFIRMED by then.
 */
function confirmations(model: RegistryModel, incidents: IncidentView[], asOfDate: IsoDate | undefined) {
  const confirmedNow = new Set<string>();
  const firstConfirmedOn = new Map<string, IsoDate>();
  for (const incident of incidents) {
    let status = incident.assessment.status;
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
    if (status === 'CONFIRMED') confirmedNow.add(incident.incidentId);
    const first = milestonesOf({ statusHistory: history }).confirmedOn;
    if (first !== null) firstConfirmedOn.set(incident.incidentId, first);
  }
  return { confirmedNow, firstConfirmedOn };
}

interface Acc {
  best: {
    kind: ResponseKind;
    level: ScopeLevel;
    day: number;
    seq: number;
    on: IsoDate;
    statementId: string | null;
    resolutionId: string | null;
  } | null;
  statements: { day: number; seq: number; id: string }[];
  kinds: Set<StatementKind>;
  votes: VoteCast[];
  genericOn: IsoDate | null;
  firstCondemnation: { day: number; on: IsoDate } | null;
  /**
   * The earliest condemnation covering a confirmed incident, and the earliest first confirmation among those it covers.
   */
  lag: { day: number; from: number } | null;
  /** Confirmed incident -> the day of the first condemnation covering it. */
  byIncident: Map<string, { day: number; on: IsoDate }>;
}

const newAcc = (): Acc => ({
  best: null,
  statements: [],
  kinds: new Set(),
  votes: [],
  genericOn: null,
  firstCondemnation: null,
  lag: null,
  byIncident: new Map(),
});

/**
 * Who spoke out on a situation, an alleged user or a set of incidents, counted as analysts count it (see
 * README, "How statements are counted"): every statement and every YES vote that covers a matched incident
 * (or names the situation or user asked about, or any use) counts for each of its speakers; States Parties
 * are those on `asOfDate` (default: the latest evidence date in the registry).
 */
export function speakOutReport(
  model: RegistryModel,
  states: readonly CcmState[],
  filter: SpeakOutFilter = {},
  asOfDate?: IsoDate,
): SpeakOutReport {
  const asOf = asOfDate ?? model.latestEvidenceDate ?? '1970-01-01';
  const subject = subjectOf(filter);
  const incidents = matchedIncidents(model, filter, subject.user);
  const { confirmedNow, firstConfirmedOn } = confirmations(model, incidents, asOfDate);
  const confirmedDay = new Map([...firstConfirmedOn].map(([id, on]) => [id, dayNumber(on)]));
  const accs = new Map<string, Acc>();
  const accOf = (code: string) => accs.get(code) ?? accs.set(code, newAcc()).get(code)!;

  const matched = new Set(incidents.map((i) => i.incidentId));
  // The covered incidents (as coverageOf decides): those named (merged duplicates resolve), then those the
  // scope reaches.
  const hear = (u: Utterance, seq: number, speakers: Iterable<string>) => {
    let level = subjectCoverage(u, subject);
    const covered = new Set<string>();
    for (const raw of u.incidentIds) {
      const id = resolveIncidentId(model, raw);
      if (!matched.has(id)) continue;
      level = 'INCIDENT';
      if (confirmedDay.has(id)) covered.add(id);
    }
    if (u.scope !== undefined) {
      for (const incident of incidents) {
        const c = scopeCoverage(u.scope, incident);
        if (c === null) continue;
        level = moreSpecific(level, c);
        if (confirmedDay.has(incident.incidentId)) covered.add(incident.incidentId);
      }
    }
    if (level === null) return false;
    const day = dayNumber(u.on);
    for (const code of speakers) record(accOf(code), u, level, day, seq, covered);
    return true;
  };
  const record = (
    acc: Acc,
    u: Utterance,
    level: ScopeLevel,
    day: number,
    seq: number,
    covered: ReadonlySet<string>,
  ) => {
    acc.kinds.add(u.kind);
    if (u.statementId !== null) acc.statements.push({ day, seq, id: u.statementId });
    const rank = kindRank(u.kind);
    if (rank < 0) return;
    const b = acc.best;
    const specific = b === null ? 0 : SCOPE_LEVELS.indexOf(level) - SCOPE_LEVELS.indexOf(b.level);
    const better =
      b === null ||
      rank < kindRank(b.kind) ||
      (rank === kindRank(b.kind) &&
        (specific < 0 || (specific === 0 && (day < b.day || (day === b.day && seq < b.seq)))));
    if (better)
      acc.best = {
        kind: u.kind as ResponseKind,
        level,
        day,
        seq,
        on: u.on,
        statementId: u.statementId,
        resolutionId: u.resolutionId,
      };
    if (u.kind !== 'CONDEMNATION') return;
    if (u.scope?.generic === true && (acc.genericOn === null || u.on < acc.genericOn)) acc.genericOn = u.on;
    if (acc.firstCondemnation === null || day < acc.firstCondemnation.day) acc.firstCondemnation = { day, on: u.on };
    for (const id of covered) {
      const first = acc.byIncident.get(id);
      if (first === undefined || day < first.day) acc.byIncident.set(id, { day, on: u.on });
      const from = confirmedDay.get(id)!;
      if (acc.lag === null || day < acc.lag.day) acc.lag = { day, from };
      else if (day === acc.lag.day && from < acc.lag.from) acc.lag.from = from;
    }
  };

  scanStatements(model, asOf, matched, hear);
  for (const { utterance, votes, symbol } of resolutionUtterances(model, asOf)) {
    if (!hear(utterance, Number.MAX_SAFE_INTEGER, utterance.speakers)) continue;
    for (const v of votes) {
      accOf(v.stateCode).votes.push({
        resolutionId: utterance.resolutionId!,
        symbol,
        vote: v.vote,
        adoptedOn: utterance.on,
      });
    }
  }

  const name = (code: string) => states.find((st) => st.iso3 === code)?.name ?? null;
  const line = (code: string, acc: Acc): ResponseLine => {
    const b = acc.best;
    const lagDays = acc.lag === null ? null : acc.lag.day - acc.lag.from;
    return {
      stateCode: code,
      name: name(code),
      ccmStatus: ccmStatusOf(states, code, asOf),
      kind: b?.kind ?? null,
      scope: b?.level ?? null,
      on: b?.on ?? null,
      statementId: b?.statementId ?? null,
      resolutionId: b?.resolutionId ?? null,
      firstCondemnationOn: acc.firstCondemnation?.on ?? null,
      lagDays,
      anticipatory: lagDays !== null && lagDays < 0,
      genericCondemnationOn: acc.genericOn,
      statementIds: [...acc.statements].sort((x, y) => x.day - y.day || x.seq - y.seq).map((s) => s.id),
      kinds: [...acc.kinds],
      votes: [...acc.votes].sort((x, y) => (x.adoptedOn < y.adoptedOn ? -1 : x.adoptedOn > y.adoptedOn ? 1 : 0)),
    };
  };
  const parties = statesPartiesOn(states, asOf)
    .map((st) => st.iso3)
    .sort();
  const partyCodes = new Set(parties);
  const statesParties = parties.map((code) => line(code, accs.get(code) ?? newAcc()));
  const nonPartiesThatSpoke = [...accs]
    .filter(([code, acc]) => !partyCodes.has(code) && acc.kinds.size > 0)
    .map(([code, acc]) => line(code, acc))
    .sort((a, b) => (a.stateCode < b.stateCode ? -1 : 1));
  const lags: CondemnationLag[] = [];
  for (const code of parties) {
    const acc = accs.get(code);
    if (!acc) continue;
    for (const [incidentId, on] of [...firstConfirmedOn].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const first = acc.byIncident.get(incidentId);
      if (!first) continue;
      const days = first.day - confirmedDay.get(incidentId)!;
      lags.push({
        stateCode: code,
        incidentId,
        firstConfirmedOn: on,
        condemnedOn: first.on,
        days,
        anticipatory: days < 0,
      });
    }
  }
  const lagDays = statesParties.flatMap((l) => (l.lagDays === null ? [] : [l.lagDays]));
  return {
    asOf,
    incidentIds: incidents.map((i) => i.incidentId).sort(),
    confirmedIncidentIds: [...confirmedNow].sort(),
    firstConfirmations: [...firstConfirmedOn]
      .map(([incidentId, on]) => ({ incidentId, firstConfirmedOn: on }))
      .sort((a, b) => (a.incidentId < b.incidentId ? -1 : 1)),
    statesPartiesCount: parties.length,
    statesParties,
    condemned: statesParties.filter((l) => l.kind === 'CONDEMNATION'),
    expressedConcern: statesParties.filter((l) => l.kind === 'CONCERN' || l.kind === 'CALL_FOR_INVESTIGATION'),
    silent: statesParties.filter((l) => l.kind === null),
    lags,
    medianLagDays: median(lagDays),
    minLagDays: lagDays.length > 0 ? lagDays.reduce((a, b) => Math.min(a, b)) : null,
    maxLagDays: lagDays.length > 0 ? lagDays.reduce((a, b) => Math.max(a, b)) : null,
    nonPartiesThatSpoke,
  };
}

/**
 * Every statement delivered by the report date, from the packed columns (see StatementColumns): a statement
 * without a scope is read from its inline incident numbers, and skipped unless one resolves to a matched incident.
 */
function scanStatements(
  model: RegistryModel,
  asOf: IsoDate,
  matched: ReadonlySet<string>,
  hear: (u: Utterance, seq: number, speakers: Iterable<string>) => boolean,
) {
  const columns = model.statementColumns;
  const last = dayNumber(asOf);
  // Per incident number: whether it resolves to a matched incident (most rows are skipped on this alone).
  const about = Uint8Array.from(columns.incidentIds, (id) => (matched.has(resolveIncidentId(model, id)) ? 1 : 0));
  for (let row = 0; row < columns.length; row++) {
    const day = columns.days[row];
    if (day > last || day === ABSENT_DAY) continue;
    if (!columns.scoped.has(row) && !columns.incidentsOf(row).some((n) => about[n] === 1)) continue;
    const view = columns.view(row);
    const speakers: string[] = [];
    columns.forEachSpeaker(row, (state) => speakers.push(columns.stateCodes[state]));
    hear(
      {
        kind: view.kind,
        on: view.deliveredOn,
        speakers,
        incidentIds: view.incidentIds,
        scope: view.scope,
        statementId: view.statementId,
        resolutionId: null,
      },
      row,
      speakers,
    );
  }
}
