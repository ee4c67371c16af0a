import { assessWithHistory, ccmStatusOn } from '@app/domain';
import type { CcmState, CcmStatus, IsoDate, StatementKind, Status } from '@app/domain';
import { daysBetween, milestonesOf } from './dates';
import { buildEvidence } from './evidence';
import { matchesIncident } from './incident.queries';
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
  const result: IncidentView[] = [];
  for (const incident of model.incidents.values()) {
    if (incident.mergedInto || (wanted && !wanted.has(incident.incidentId))) continue;
    const f = { countryCode: filter.countryCode, allegedUser: filter.allegedUser, occurredFrom: filter.from, occurredTo: filter.to };
    if (matchesIncident(incident, f)) result.push(incident);
  }
  return result;
}

/**
 * Who spoke out on a set of incidents. States Parties are those on `asOfDate` (default: the latest
 * evidence date in the registry); condemned, concerned and silent partition them. A condemnation
 * before the registry confirmed the incident counts with lag 0.
 */
export function speakOutReport(model: RegistryModel, states: readonly CcmState[], filter: SpeakOutFilter = {},
  asOfDate?: IsoDate): SpeakOutReport {
  const asOf = asOfDate ?? model.latestEvidenceDate ?? '1970-01-01';
  const incidents = matchedIncidents(model, filter);
  const confirmedOn = new Map<string, IsoDate>();
  for (const incident of incidents) {
    let status: Status = incident.assessment.status;
    let history = incident.statusHistory;
    if (asOfDate !== undefined) {
      const then = assessWithHistory(buildEvidence(model, incident), model.policy, asOf);
      status = then.assessment.status;
      history = then.history;
    }
    const on = milestonesOf({ statusHistory: history }).confirmedOn;
    if (status === 'CONFIRMED' && on !== null) confirmedOn.set(incident.incidentId, on);
  }
  // Every statement about the matched incidents up to the report date, once per co-signer.
  const byState = new Map<string, { s: StatementView; incidentIds: string[] }[]>();
  const statementIds = new Set<string>();
  for (const incident of incidents) for (const id of incident.statementIds) statementIds.add(id);
  const matchedIds = new Set(incidents.map((i) => i.incidentId));
  for (const id of statementIds) {
    const s = model.statements.get(id);
    if (!s || s.deliveredOn > asOf) continue;
    const about = [...new Set(s.incidentIds.map((i) => resolveIncidentId(model, i)))].filter((i) => matchedIds.has(i));
    for (const code of new Set(s.speakers)) {
      let list = byState.get(code);
      if (!list) byState.set(code, (list = []));
      list.push({ s, incidentIds: about });
    }
  }
  const parties = states.filter((st) => ccmStatusOn(st, asOf) === 'STATE_PARTY')
    .sort((a, b) => (a.iso3 < b.iso3 ? -1 : 1));
  const partyCodes = new Set(parties.map((p) => p.iso3));
  const condemned: StateResponse[] = [];
  const expressedConcern: StateResponse[] = [];
  const silent: SpeakOutReport['silent'] = [];
  const lags: CondemnationLag[] = [];
  for (const party of parties) {
    const spoken = (byState.get(party.iso3) ?? []).sort((a, b) => (a.s.deliveredOn < b.s.deliveredOn ? -1 : 1));
    const condemnations = spoken.filter((x) => x.s.kind === 'CONDEMNATION');
    const concerns = spoken.filter((x) => CONCERN_KINDS.includes(x.s.kind));
    if (condemnations.length > 0) {
      condemned.push(response(party, condemnations));
      for (const [incidentId, confirmed] of confirmedOn) {
        const first = condemnations.find((x) => x.incidentIds.includes(incidentId));
        if (!first) continue;
        const days = Math.max(0, daysBetween(confirmed, first.s.deliveredOn));
        lags.push({ stateCode: party.iso3, incidentId, confirmedOn: confirmed, condemnedOn: first.s.deliveredOn, days });
      }
    } else if (concerns.length > 0) expressedConcern.push(response(party, concerns));
    else if (confirmedOn.size > 0) silent.push({ stateCode: party.iso3, name: party.name });
  }
  const nonPartiesThatSpoke: NonPartySpeaker[] = [];
  for (const [code, spoken] of byState) {
    if (partyCodes.has(code)) continue;
    nonPartiesThatSpoke.push({
      stateCode: code, name: states.find((st) => st.iso3 === code)?.name ?? null, ccmStatus: ccmStatusOf(states, code, asOf),
      kinds: [...new Set(spoken.map((x) => x.s.kind))], statementIds: spoken.map((x) => x.s.statementId),
    });
  }
  nonPartiesThatSpoke.sort((a, b) => (a.stateCode < b.stateCode ? -1 : 1));
  const days = lags.map((l) => l.days);
  return {
    asOf,
    incidentIds: incidents.map((i) => i.incidentId).sort(),
    confirmedIncidentIds: [...confirmedOn.keys()].sort(),
    statesPartiesCount: parties.length,
    condemned, expressedConcern, silent, lags,
    medianLagDays: median(days),
    maxLagDays: days.length > 0 ? Math.max(...days) : null,
    nonPartiesThatSpoke,
  };
}

function response(state: CcmState, spoken: { s: StatementView; incidentIds: string[] }[]): StateResponse {
  return {
    stateCode: state.iso3, name: state.name, statementIds: spoken.map((x) => x.s.statementId),
    firstOn: spoken[0].s.deliveredOn, incidentIds: [...new Set(spoken.flatMap((x) => x.incidentIds))].sort(),
  };
}
