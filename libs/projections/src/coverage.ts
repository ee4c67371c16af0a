import type { IncidentDetails, IsoDate, Location, StatementKind, StatementScope, UserScope, Vote } from '@app/domain';
import type { RegistryModel } from './model';

/**
 * What coverage, a report's filters, a tally and a map read of an incident's details: the projection file reads only
 * these for them (index incident_versions_reported), so that they never parse every incident's words.
 */
export type ReportedDetails = Pick<IncidentDetails, 'occurredFrom' | 'occurredTo' | 'allegedUser' | 'situationId'> & {
  location: Pick<Location, 'countryCode' | 'latitude' | 'longitude'>;
};

/**
 * How specifically a statement reaches an incident, most specific first: a tie between equal kinds goes to the first.
 */
export const SCOPE_LEVELS = ['INCIDENT', 'SITUATION', 'USER', 'GENERIC'] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];
const rank = (level: ScopeLevel) => SCOPE_LEVELS.indexOf(level);
export const moreSpecific = (a: ScopeLevel | null, b: ScopeLevel | null): ScopeLevel | null =>
  a === null ? b : b === null ? a : rank(a) <= rank(b) ? a : b;

const sameName = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether two alleged users are the same: any State code in common, or the same group name. */
export function usersOverlap(a: UserScope, b: UserScope): boolean {
  return a.stateCodes.some((code) => b.stateCodes.includes(code)) || sameName(a.name, b.name);
}

/**
 * One response of one State about use: a statement (joint ones once per co-signer) or a YES vote for a
 * resolution, which counts as that State's statement of the resolution's kind on its adoption date.
 */
export interface Utterance {
  kind: StatementKind;
  on: IsoDate;
  speakers: readonly string[];
  incidentIds: readonly string[];
  scope: StatementScope | undefined;
  statementId: string | null;
  resolutionId: string | null;
}

/**
 * How specifically an utterance reaches an incident: it names the incident (or a duplicate merged into it: `resolve`
 * gives the incident an id stands for, from the model or from the projection file), its situation, its alleged user
 * (any State code in common, or the same group name), or any use (generic). Null when it does not cover it.
 */
export function coverageOf(
  resolve: (id: string) => string,
  u: { incidentIds: readonly string[]; scope?: StatementScope },
  incident: { incidentId: string; details: ReportedDetails },
): ScopeLevel | null {
  for (const id of u.incidentIds) if (resolve(id) === incident.incidentId) return 'INCIDENT';
  return u.scope === undefined ? null : scopeCoverage(u.scope, incident);
}

/** How specifically a scope (without its incidents) reaches an incident. */
export function scopeCoverage(scope: StatementScope, incident: { details: ReportedDetails }): ScopeLevel | null {
  const situationId = incident.details.situationId;
  if (situationId !== undefined && scope.situationIds?.includes(situationId)) return 'SITUATION';
  if (scope.allegedUser && usersOverlap(scope.allegedUser, incident.details.allegedUser)) return 'USER';
  return scope.generic === true ? 'GENERIC' : null;
}

/** What a report is about besides its incidents: a situation or an alleged user named directly also counts. */
export interface Subject {
  situationId?: string;
  allegedUser?: UserScope;
}

/** How specifically an utterance names the subject itself (a situation or user with no incident logged yet). */
export function subjectCoverage(u: Utterance, subject: Subject): ScopeLevel | null {
  const scope = u.scope;
  if (scope === undefined) return null;
  if (subject.situationId !== undefined && scope.situationIds?.includes(subject.situationId)) return 'SITUATION';
  if (subject.allegedUser && scope.allegedUser && usersOverlap(scope.allegedUser, subject.allegedUser)) return 'USER';
  return scope.generic === true ? 'GENERIC' : null;
}

/** The resolutions as utterances of their YES voters, and every State's vote. */
export function resolutionUtterances(
  model: RegistryModel,
  lastDay: IsoDate,
): { utterance: Utterance; votes: { stateCode: string; vote: Vote }[]; symbol: string }[] {
  const out: { utterance: Utterance; votes: { stateCode: string; vote: Vote }[]; symbol: string }[] = [];
  for (const r of model.resolutions.values()) {
    if (r.adoptedOn > lastDay) continue;
    out.push({
      utterance: {
        kind: r.kind,
        on: r.adoptedOn,
        speakers: r.votes.filter((v) => v.vote === 'YES').map((v) => v.stateCode),
        incidentIds: r.incidentIds,
        scope: r.scope,
        statementId: null,
        resolutionId: r.resolutionId,
      },
      votes: r.votes,
      symbol: r.symbol,
    });
  }
  return out;
}
