import type { StatementView } from './model';
import type { IncidentView, RegistryModel, ResolutionView } from './model';
import { resolveIncidentId } from './model';
import { coverageOf, type ScopeLevel, SCOPE_LEVELS } from './coverage';
import { daysBetween, milestonesOf } from './dates';

/** How a statement or a resolution reaches an incident, and its lag (see README, "How statements are counted"). */
export interface Coverage {
  scope: ScopeLevel;
  /**
   * For a condemnation only: days from the incident's firstConfirmedOn (evidence clock); negative: anticipatory.
   * Null for every other kind (the lag measures how long condemnation took), and before any confirmation.
   */
  lagDays: number | null;
  anticipatory: boolean;
}

export interface CoveringStatement extends Coverage {
  statement: StatementView;
}

export interface CoveringResolution extends Coverage {
  resolution: ResolutionView;
}

/** What the coverage rule reads of a statement, from the model or from the projection file. */
export type CoverableStatement = Pick<StatementView, 'kind' | 'deliveredOn' | 'incidentIds' | 'scope'>;
/** What the coverage rule reads of a resolution. */
export type CoverableResolution = Pick<ResolutionView, 'kind' | 'adoptedOn' | 'incidentIds' | 'scope'>;
/** The incident covered: its id and the details a scope reaches it by. */
export type CoveredIncident = Pick<IncidentView, 'incidentId' | 'details'>;

/** The one lag (README, "How statements are counted"): condemnations only, from the first confirmation. */
function lagFrom(
  from: string | null,
  kind: StatementView['kind'] | ResolutionView['kind'],
  on: string,
): Pick<Coverage, 'lagDays' | 'anticipatory'> {
  const lagDays = from === null || kind !== 'CONDEMNATION' ? null : daysBetween(from, on);
  return { lagDays, anticipatory: lagDays !== null && lagDays < 0 };
}

const byDay =
  <T>(dayOf: (item: T) => string) =>
  (a: T, b: T) =>
    dayOf(a) < dayOf(b) ? -1 : dayOf(a) > dayOf(b) ? 1 : 0;

/**
 * The candidates (in the order ties keep) that cover an incident at one of `scopes`, by the speak-out report's own
 * rule (coverageOf), by delivery date (a stable sort): one rule for the model and the projection file, which each
 * give their candidates (the statements naming the incident or a duplicate merged into it, then those with a scope
 * beyond their incidents) and their `resolve` (an id to the incident it stands for).
 */
export function statementsCovering<S extends CoverableStatement>(
  candidates: Iterable<S>,
  resolve: (id: string) => string,
  incident: CoveredIncident,
  scopes: readonly ScopeLevel[],
  from: string | null,
): (Coverage & { statement: S })[] {
  const out: (Coverage & { statement: S })[] = [];
  for (const statement of candidates) {
    const scope = coverageOf(resolve, statement, incident);
    if (scope === null || !scopes.includes(scope)) continue;
    out.push({ statement, scope, ...lagFrom(from, statement.kind, statement.deliveredOn) });
  }
  return out.sort(byDay((c) => c.statement.deliveredOn));
}

/** The resolutions (in recording order) that cover an incident at one of `scopes`, by adoption date. */
export function resolutionsCovering<R extends CoverableResolution>(
  resolutions: Iterable<R>,
  resolve: (id: string) => string,
  incident: CoveredIncident,
  scopes: readonly ScopeLevel[],
  from: string | null,
): (Coverage & { resolution: R })[] {
  const out: (Coverage & { resolution: R })[] = [];
  for (const resolution of resolutions) {
    const scope = coverageOf(resolve, resolution, incident);
    if (scope === null || !scopes.includes(scope)) continue;
    out.push({ resolution, scope, ...lagFrom(from, resolution.kind, resolution.adoptedOn) });
  }
  return out.sort(byDay((c) => c.resolution.adoptedOn));
}

/**
 * Every statement that covers an incident at one of `scopes` (statementsCovering): those linked to it, and beyond
 * INCIDENT those with a scope beyond their incidents, found by reading every statement of the model (linear: the
 * model is a bounded replay of one incident's streams or a test's oracle).
 */
export function coveringStatementsOf(
  model: RegistryModel,
  incident: IncidentView,
  scopes: readonly ScopeLevel[] = SCOPE_LEVELS,
  from: string | null = milestonesOf(incident).confirmedOn,
): CoveringStatement[] {
  const candidates = new Map<string, StatementView>();
  for (const id of incident.statementIds) {
    const s = model.statements.get(id);
    if (s) candidates.set(id, s);
  }
  if (scopes.some((level) => level !== 'INCIDENT')) {
    for (const s of model.statements.values())
      if (s.scope !== undefined && !candidates.has(s.statementId)) candidates.set(s.statementId, s);
  }
  return statementsCovering(candidates.values(), (id) => resolveIncidentId(model, id), incident, scopes, from);
}

/** Every resolution that covers an incident at one of `scopes` (its YES votes count as statements), by adoption. */
export function coveringResolutionsOf(
  model: RegistryModel,
  incident: IncidentView,
  scopes: readonly ScopeLevel[] = SCOPE_LEVELS,
  from: string | null = milestonesOf(incident).confirmedOn,
): CoveringResolution[] {
  const resolve = (id: string) => resolveIncidentId(model, id);
  return resolutionsCovering(model.resolutions.values(), resolve, incident, scopes, from);
}
