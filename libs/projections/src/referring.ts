import type { StatementView } from './model';
import type { IncidentView, RegistryModel, ResolutionView } from './model';
import { coverageOf, type ScopeLevel, SCOPE_LEVELS, type Utterance } from './coverage';
import { daysBetween, milestonesOf } from './dates';
import { ABSENT_DAY } from './statement-columns';

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

const utteranceOf = (s: StatementView): Utterance => ({
  kind: s.kind,
  on: s.deliveredOn,
  speakers: s.speakers,
  incidentIds: s.incidentIds,
  scope: s.scope,
  statementId: s.statementId,
  resolutionId: null,
});

/** The one lag (README, "How statements are counted"): condemnations only, from the first confirmation. */
function lagFrom(
  from: string | null,
  kind: StatementView['kind'] | ResolutionView['kind'],
  on: string,
): Pick<Coverage, 'lagDays' | 'anticipatory'> {
  const lagDays = from === null || kind !== 'CONDEMNATION' ? null : daysBetween(from, on);
  return { lagDays, anticipatory: lagDays !== null && lagDays < 0 };
}

/**
 * Every statement that covers an incident at one of `scopes`, by the speak-out report's own rule (coverageOf),
 * by delivery date (a stable sort). Cheap for a page of incidents: only the statements linked to it and those
 * with a scope beyond their incidents (few) are looked at.
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
    const columns = model.statementColumns;
    for (const row of columns.scoped) {
      if (columns.dayOf(row) === ABSENT_DAY) continue; // outside the cut of a model as of a date
      const s = columns.view(row);
      if (!candidates.has(s.statementId)) candidates.set(s.statementId, s);
    }
  }
  const out: CoveringStatement[] = [];
  for (const statement of candidates.values()) {
    const scope = coverageOf(model, utteranceOf(statement), incident);
    if (scope === null || !scopes.includes(scope)) continue;
    out.push({ statement, scope, ...lagFrom(from, statement.kind, statement.deliveredOn) });
  }
  return out.sort((a, b) =>
    a.statement.deliveredOn < b.statement.deliveredOn ? -1 : a.statement.deliveredOn > b.statement.deliveredOn ? 1 : 0,
  );
}

/** Every resolution that covers an incident at one of `scopes` (its YES votes count as statements), by adoption. */
export function coveringResolutionsOf(
  model: RegistryModel,
  incident: IncidentView,
  scopes: readonly ScopeLevel[] = SCOPE_LEVELS,
  from: string | null = milestonesOf(incident).confirmedOn,
): CoveringResolution[] {
  const out: CoveringResolution[] = [];
  for (const resolution of model.resolutions.values()) {
    const u: Utterance = {
      kind: resolution.kind,
      on: resolution.adoptedOn,
      speakers: [],
      incidentIds: resolution.incidentIds,
      scope: resolution.scope,
      statementId: null,
      resolutionId: resolution.resolutionId,
    };
    const scope = coverageOf(model, u, incident);
    if (scope === null || !scopes.includes(scope)) continue;
    out.push({ resolution, scope, ...lagFrom(from, resolution.kind, resolution.adoptedOn) });
  }
  return out.sort((a, b) =>
    a.resolution.adoptedOn < b.resolution.adoptedOn ? -1 : a.resolution.adoptedOn > b.resolution.adoptedOn ? 1 : 0,
  );
}
