import { ccmStatusOn, evidenceDates, statusOn } from '@app/domain';
import type {
  CcmState,
  CcmStatus,
  IncidentEvidence,
  IsoDate,
  PolicyConfig,
  Readiness,
  StatementKind,
  Status,
  StatusOnDate,
  Venue,
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
export function listStatements(
  model: RegistryModel,
  filter: StatementFilter = {},
  args: PageArgs & { descending?: boolean } = {},
): Connection<StatementNode> {
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
    const candidates =
      incidentId === null
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

/** What a timeline shows of a statement: the replay's StatementView, or a statement read from the file. */
export interface TimelineStatement {
  statementId: string;
  deliveredOn: IsoDate;
  incidentIds: readonly string[];
}

export interface TimelineEntry<S extends TimelineStatement = StatementView> {
  statement: S;
  /** The State's CCM status on the delivery date. */
  ccmStatus: CcmStatus;
  incidents: IncidentStatusThen[];
}

export interface StateTimeline<S extends TimelineStatement = StatementView> {
  stateCode: string;
  name: string | null;
  entries: TimelineEntry<S>[];
}

/** What `statusThen` reads of an incident, once per request. */
export interface IncidentDays {
  /** The policy's status on each of its evidence dates, ascending, when the source keeps them; else null. */
  readonly statusOnDates: readonly StatusOnDate[] | null;
  /** Its evidence, read only when a status must be worked out. */
  readonly evidence: () => IncidentEvidence;
}

/** An incident as statusThen holds it during one request: what its source gave, and what it worked out. */
interface KnownIncident extends IncidentDays {
  read?: IncidentEvidence;
  dates?: IsoDate[];
  /** Statuses worked out, by the last evidence date on or before the day asked ('' for before any). */
  worked: Map<IsoDate, DayStatus>;
}
export type StatusThenCache = Map<string, KnownIncident>;
type DayStatus = Pick<StatusOnDate, 'status' | 'readiness' | 'rule'>;

/** The last of the ascending `items` dated on or before `on`; undefined when none is. */
function lastOnOrBefore<T>(items: readonly T[], on: IsoDate, dateOf: (item: T) => IsoDate): T | undefined {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dateOf(items[mid]) <= on) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : items[lo - 1];
}

/**
 * Where `statusThen` reads incidents: a model (`modelStatusSource`: the statuses its assessments kept) or the
 * projection file as of a cut. `cache` holds each incident read, for one request.
 */
export interface IncidentStatusSource {
  /** Undefined: the default policy (as `statusOn` takes it). */
  readonly policy: PolicyConfig | undefined;
  readonly cache: StatusThenCache;
  /** The canonical incident an id resolves to (merged duplicates); null when there is no such incident. */
  resolve(id: string): string | null;
  load(canonical: string): IncidentDays;
}

/**
 * The status of an incident as publicly known on a date: the policy over the evidence dated up to it. That
 * evidence changes only on evidence dates, so the answer is the policy's on the last of them on or before the
 * day: read from what the source keeps, else worked out once per such date.
 */
export function statusThen(source: IncidentStatusSource, incidentId: string, on: IsoDate): IncidentStatusThen {
  const canonical = source.resolve(incidentId);
  if (canonical === null) return { incidentId, canonicalIncidentId: null, status: null, readiness: 'NONE', rule: null };
  let known = source.cache.get(canonical);
  if (!known) source.cache.set(canonical, (known = { ...source.load(canonical), worked: new Map() }));
  const { status, readiness, rule } = statusOnDay(known, source.policy, on);
  const supported = rule !== 'NO_SUPPORTING_SOURCE';
  return {
    incidentId,
    canonicalIncidentId: canonical,
    status: supported ? status : null,
    readiness: supported ? readiness : 'NONE',
    rule,
  };
}

function statusOnDay(known: KnownIncident, policy: PolicyConfig | undefined, on: IsoDate): DayStatus {
  const kept = known.statusOnDates && lastOnOrBefore(known.statusOnDates, on, (day) => day.on);
  if (kept) return kept;
  const evidence = (known.read ??= known.evidence());
  // Kept statuses cover every evidence date: none on or before the day means before the first.
  const cutDate = known.statusOnDates
    ? ''
    : (lastOnOrBefore((known.dates ??= evidenceDates(evidence)), on, (date) => date) ?? '');
  let worked = known.worked.get(cutDate);
  if (!worked) known.worked.set(cutDate, (worked = statusOn(evidence, policy, on)));
  return worked;
}

export function ccmStatusOf(states: readonly CcmState[], code: string, on: IsoDate): CcmStatus {
  const state = states.find((s) => s.iso3 === code);
  return state ? ccmStatusOn(state, on) : 'NOT_PARTY';
}

/** A model as a source of incidents for statusThen: the statuses on each evidence date its assessments kept. */
export function modelStatusSource(model: RegistryModel): IncidentStatusSource {
  return {
    policy: model.policy,
    cache: new Map(),
    resolve: (id) => {
      const canonical = resolveIncidentId(model, id);
      return model.incidents.has(canonical) ? canonical : null;
    },
    load: (canonical) => {
      const incident = model.incidents.get(canonical)!;
      return { statusOnDates: incident.statusOnDates, evidence: () => buildEvidence(model, incident) };
    },
  };
}

/** The statements a State delivered or co-signed, in the model. */
export const stateStatements = (model: RegistryModel, stateCode: string): StatementView[] =>
  [...(model.statementsByState.get(stateCode.toUpperCase()) ?? [])].flatMap((id) => model.statements.get(id) ?? []);

/**
 * A State's timeline from its statements (any order), each with the referred incidents' status on the day it
 * spoke read from `source`: the one assembly for the replay and for the projection file.
 */
export function stateTimeline<S extends TimelineStatement>(
  statements: readonly S[],
  source: IncidentStatusSource,
  states: readonly CcmState[],
  stateCode: string,
): StateTimeline<S> {
  const code = stateCode.toUpperCase();
  const state = states.find((s) => s.iso3 === code);
  const sorted = [...statements].sort((a, b) =>
    a.deliveredOn !== b.deliveredOn ? (a.deliveredOn < b.deliveredOn ? -1 : 1) : a.statementId < b.statementId ? -1 : 1,
  );
  return {
    stateCode: code,
    name: state?.name ?? null,
    entries: sorted.map((statement) => ({
      statement,
      ccmStatus: state ? ccmStatusOn(state, statement.deliveredOn) : 'NOT_PARTY',
      incidents: statement.incidentIds.map((id) => statusThen(source, id, statement.deliveredOn)),
    })),
  };
}

/** A State's timeline in a model (live or replayed as of a cut). */
export const modelTimeline = (model: RegistryModel, states: readonly CcmState[], stateCode: string) =>
  stateTimeline(stateStatements(model, stateCode), modelStatusSource(model), states, stateCode);
