import { assess, ccmStatusOn } from '@app/domain';
import type {
  CcmState, CcmStatus, IncidentEvidence, IsoDate, Readiness, StatementKind, Status, Venue,
} from '@app/domain';
import { buildEvidence } from './evidence';
import type { RegistryModel, StatementView } from './model';
import { resolveIncidentId } from './model';
import type { Connection, PageArgs } from './pagination';
import { paginate } from './pagination';

export interface StatementFilter {
  /** Statements a State delivered or co-signed; with several codes, a joint one appears once per co-signer. */
  stateCode?: string | readonly string[];
  /** Statements referring to the incident (or to a duplicate merged into it). */
  incidentId?: string;
  kind?: StatementKind | readonly StatementKind[];
  venue?: Venue | readonly Venue[];
  from?: IsoDate;
  to?: IsoDate;
}

export interface StatementNode extends StatementView {
  /** The co-signer this row stands for when filtering by State; null otherwise. */
  speaker: string | null;
}

const oneOf = <T>(wanted: T | readonly T[] | undefined, value: T) =>
  wanted === undefined || (Array.isArray(wanted) ? wanted.includes(value) : wanted === value);

function matches(model: RegistryModel, s: StatementView, f: StatementFilter, incidentId: string | null): boolean {
  if (!oneOf(f.kind, s.kind) || !oneOf(f.venue, s.venue)) return false;
  if (f.from !== undefined && s.deliveredOn < f.from) return false;
  if (f.to !== undefined && s.deliveredOn > f.to) return false;
  if (incidentId !== null && !s.incidentIds.some((id) => resolveIncidentId(model, id) === incidentId)) return false;
  return true;
}

/** Statements in delivery order (oldest first unless `descending`). */
export function listStatements(model: RegistryModel, filter: StatementFilter = {},
  args: PageArgs & { descending?: boolean } = {}): Connection<StatementNode> {
  const incidentId = filter.incidentId === undefined ? null : resolveIncidentId(model, filter.incidentId);
  const nodes: StatementNode[] = [];
  if (filter.stateCode !== undefined) {
    const codes = typeof filter.stateCode === 'string' ? [filter.stateCode] : filter.stateCode;
    for (const code of new Set(codes.map((c) => c.toUpperCase()))) {
      for (const id of model.statementsByState.get(code) ?? []) {
        const s = model.statements.get(id);
        if (s && matches(model, s, filter, incidentId)) nodes.push({ ...s, speaker: code });
      }
    }
  } else {
    const candidates = incidentId === null
      ? model.statements.keys()
      : (model.incidents.get(incidentId)?.statementIds ?? new Set<string>()).values();
    for (const id of candidates) {
      const s = model.statements.get(id);
      if (s && matches(model, s, filter, incidentId)) nodes.push({ ...s, speaker: null });
    }
  }
  return paginate(nodes, (n) => [n.deliveredOn, n.statementId, n.speaker ?? ''], args);
}

export interface IncidentStatusThen {
  /** As the statement named it. */
  incidentId: string;
  /** The incident it resolves to now (merged duplicates); null when the registry holds no such incident. */
  canonicalIncidentId: string | null;
  /** Status as publicly known on the day the State spoke; null when nothing supported it yet. */
  status: Status | null;
  readiness: Readiness;
  rule: string | null;
}

export interface TimelineEntry {
  statement: StatementView;
  /** The State's CCM status on the delivery date. */
  ccmStatus: CcmStatus;
  incidents: IncidentStatusThen[];
}

export interface StateTimeline {
  stateCode: string;
  name: string | null;
  entries: TimelineEntry[];
}

/** The status of an incident as publicly known on a date (policy run over evidence dated up to it). */
export function statusThen(model: RegistryModel, incidentId: string, on: IsoDate,
  cache = new Map<string, IncidentEvidence>()): IncidentStatusThen {
  const canonical = resolveIncidentId(model, incidentId);
  const incident = model.incidents.get(canonical);
  if (!incident) return { incidentId, canonicalIncidentId: null, status: null, readiness: 'NONE', rule: null };
  let evidence = cache.get(canonical);
  if (!evidence) cache.set(canonical, (evidence = buildEvidence(model, incident)));
  const then = assess(evidence, model.policy, on);
  const known = then.rule !== 'NO_SUPPORTING_SOURCE';
  return {
    incidentId, canonicalIncidentId: canonical, status: known ? then.status : null,
    readiness: known ? then.readiness : 'NONE', rule: then.rule,
  };
}

export function ccmStatusOf(states: readonly CcmState[], code: string, on: IsoDate): CcmStatus {
  const state = states.find((s) => s.iso3 === code);
  return state ? ccmStatusOn(state, on) : 'NOT_PARTY';
}

/** A State's statements in date order, each with the referred incidents' status on the day it spoke. */
export function stateTimeline(model: RegistryModel, states: readonly CcmState[], stateCode: string): StateTimeline {
  const code = stateCode.toUpperCase();
  const state = states.find((s) => s.iso3 === code);
  const statements = [...(model.statementsByState.get(code) ?? [])]
    .flatMap((id) => model.statements.get(id) ?? [])
    .sort((a, b) => (a.deliveredOn !== b.deliveredOn ? (a.deliveredOn < b.deliveredOn ? -1 : 1)
      : a.statementId < b.statementId ? -1 : 1));
  const cache = new Map<string, IncidentEvidence>();
  return {
    stateCode: code,
    name: state?.name ?? null,
    entries: statements.map((statement) => ({
      statement,
      ccmStatus: state ? ccmStatusOn(state, statement.deliveredOn) : 'NOT_PARTY',
      incidents: statement.incidentIds.map((id) => statusThen(model, id, statement.deliveredOn, cache)),
    })),
  };
}
