import { statesPartiesOn } from '@app/domain';
import type { CcmState, CcmStatus, IsoDate, StatementKind, UserScope, Vote } from '@app/domain';
import { type ScopeLevel, SCOPE_LEVELS, type Subject, usersOverlap } from './coverage';
import { reportedMatcher } from './incident.queries';
import { lazyProperty } from './lazy-property';
import { type ReportedIncident, type ReportInput, type ReportSource, reportSourceOf } from './report-source';
import { type Acc, newAcc, NO_DAY, RESPONSE_KINDS, type ResponseKind, scanResponses } from './speak-out.scan';
import { dayNumber, isoDateOfDay } from './day-numbers';
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

export { RESPONSE_KINDS, type ResponseKind };

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

function matchedIncidents(
  source: ReportSource,
  filter: SpeakOutFilter,
  user: UserScope | undefined,
): ReportedIncident[] {
  const wanted = filter.incidentIds && new Set(filter.incidentIds.map((id) => source.resolveIncidentId(id)));
  const matches = reportedMatcher({
    countryCode: filter.countryCode,
    occurredFrom: filter.from,
    occurredTo: filter.to,
  });
  const result: ReportedIncident[] = [];
  for (const incident of source.incidents()) {
    if (wanted && !wanted.has(incident.incidentId)) continue;
    if (filter.situationId !== undefined && incident.details.situationId !== filter.situationId) continue;
    if (user && !usersOverlap(user, incident.details.allegedUser)) continue;
    if (matches(incident)) result.push(incident);
  }
  return result;
}

/** The matched incidents CONFIRMED on the report date, and the first date each was ever CONFIRMED by then. */
function confirmations(source: ReportSource, incidents: ReportedIncident[], asOfDate: IsoDate | undefined) {
  const confirmedNow = new Set<string>();
  const firstConfirmedOn = new Map<string, IsoDate>();
  const statuses = source.statusesOn(incidents, asOfDate);
  incidents.forEach((incident, i) => {
    const { status, confirmedOn } = statuses[i];
    if (status === 'CONFIRMED') confirmedNow.add(incident.incidentId);
    if (confirmedOn !== null) firstConfirmedOn.set(incident.incidentId, confirmedOn);
  });
  return { confirmedNow, firstConfirmedOn };
}

/**
 * Who spoke out on a situation, an alleged user or a set of incidents, counted as analysts count it (see
 * README, "How statements are counted"): every statement and every YES vote that covers a matched incident
 * (or names the situation or user asked about, or any use) counts for each of its speakers; States Parties
 * are those on `asOfDate` (default: the latest evidence date in the registry). The long lists (each line's
 * statement ids, the lags) are built when first read, from numbers the scan kept: a statement's row and id
 * never change, so they read the same whenever they are read.
 */
export function speakOutReport(
  input: ReportInput,
  states: readonly CcmState[],
  filter: SpeakOutFilter = {},
  asOfDate?: IsoDate,
): SpeakOutReport {
  const source = reportSourceOf(input);
  const asOf = asOfDate ?? source.latestEvidenceDate ?? '1970-01-01';
  const subject = subjectOf(filter);
  const incidents = matchedIncidents(source, filter, subject.user);
  const { confirmedNow, firstConfirmedOn } = confirmations(source, incidents, asOfDate);
  const firstConfirmedDays = new Map([...firstConfirmedOn].map(([id, on]) => [id, dayNumber(on)]));
  const scan = scanResponses(source, incidents, firstConfirmedDays, subject, asOf);
  const { accs, heard, confirmed, confirmedDays } = scan;
  const columns = source.statements;
  const dateOf = (day: number) => (day === NO_DAY ? null : isoDateOfDay(day));

  const name = (code: string) => states.find((st) => st.iso3 === code)?.name ?? null;
  const line = (code: string, acc: Acc): ResponseLine => {
    const b = acc.best;
    const lagDays = acc.lagDay === NO_DAY ? null : acc.lagDay - acc.lagFrom;
    const result: ResponseLine = {
      stateCode: code,
      name: name(code),
      ccmStatus: ccmStatusOf(states, code, asOf),
      kind: b === null ? null : RESPONSE_KINDS[b.rank],
      scope: b === null ? null : SCOPE_LEVELS[b.level],
      on: b === null ? null : isoDateOfDay(b.day),
      statementId: b === null || b.row < 0 ? null : columns.statementIdOf(b.row),
      resolutionId: b?.resolutionId ?? null,
      firstCondemnationOn: dateOf(acc.firstCondemnationDay),
      lagDays,
      anticipatory: lagDays !== null && lagDays < 0,
      genericCondemnationOn: dateOf(acc.genericDay),
      statementIds: [],
      kinds: [...acc.kinds],
      votes: [...acc.votes].sort((x, y) => (x.adoptedOn < y.adoptedOn ? -1 : x.adoptedOn > y.adoptedOn ? 1 : 0)),
    };
    // Oldest first by delivery day, ties in recording order (the rows are in recording order: a stable sort).
    return lazyProperty(result, 'statementIds', () => heard.rowsOf(acc.id).map((row) => columns.statementIdOf(row)));
  };
  const parties = statesPartiesOn(states, asOf)
    .map((st) => st.iso3)
    .sort();
  const partyCodes = new Set(parties);
  const statesParties = parties.map((code) => line(code, accs.get(code) ?? newAcc()));
  const nonPartiesThatSpoke = [...accs]
    .filter(([code, acc]) => !partyCodes.has(code) && acc.kinds.length > 0)
    .map(([code, acc]) => line(code, acc))
    .sort((a, b) => (a.stateCode < b.stateCode ? -1 : 1));
  const lagDays = statesParties.flatMap((l) => (l.lagDays === null ? [] : [l.lagDays]));
  const report: SpeakOutReport = {
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
    lags: [],
    medianLagDays: median(lagDays),
    minLagDays: lagDays.length > 0 ? lagDays.reduce((a, b) => Math.min(a, b)) : null,
    maxLagDays: lagDays.length > 0 ? lagDays.reduce((a, b) => Math.max(a, b)) : null,
    nonPartiesThatSpoke,
  };
  return lazyProperty(report, 'lags', () => lagsOf(parties, accs, confirmed, confirmedDays, firstConfirmedOn));
}

/** Per State Party (in code order) and confirmed incident (in id order): its first condemnation covering it. */
function lagsOf(
  parties: readonly string[],
  accs: ReadonlyMap<string, Acc>,
  confirmed: readonly string[],
  confirmedDays: Int32Array,
  firstConfirmedOn: ReadonlyMap<string, IsoDate>,
): CondemnationLag[] {
  const byId = confirmed.map((id, k) => k).sort((a, b) => (confirmed[a] < confirmed[b] ? -1 : 1));
  const lags: CondemnationLag[] = [];
  for (const code of parties) {
    const first = accs.get(code)?.byIncident;
    if (!first) continue;
    for (const k of byId) {
      if (first[k] === NO_DAY) continue;
      const days = first[k] - confirmedDays[k];
      lags.push({
        stateCode: code,
        incidentId: confirmed[k],
        firstConfirmedOn: firstConfirmedOn.get(confirmed[k])!,
        condemnedOn: isoDateOfDay(first[k]),
        days,
        anticipatory: days < 0,
      });
    }
  }
  return lags;
}
