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
  StatusChange,
  Venue,
} from '@app/domain';
import { buildEvidence } from './evidence';
import { modelStamp } from './incident.queries';
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

/** What `statusThen` works out once per incident (one request's worth). */
export interface IncidentDates {
  evidence: IncidentEvidence;
  /** Its distinct evidence dates, ascending: the status can change only on these. */
  dates: IsoDate[];
  /** The status changes of its history by date (each evaluated on that date, as the policy does). */
  changes: Map<IsoDate, StatusChange>;
  /** Status by the last evidence date on or before the day asked ('' for before any). */
  byCutDate: Map<IsoDate, Omit<IncidentStatusThen, 'incidentId'>>;
}
export type StatusThenCache = Map<string, IncidentDates>;

/** The last of the ascending `dates` on or before `on`; '' when none is. */
function lastOnOrBefore(dates: readonly IsoDate[], on: IsoDate): IsoDate {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid] <= on) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? '' : dates[lo - 1];
}

/**
 * Where `statusThen` reads incidents: the replayed model (`modelStatusSource`) or the projection file as of a
 * cut. `cache` holds what statusThen worked out per incident, for as long as the source stands still.
 */
export interface IncidentStatusSource {
  /** Undefined: the default policy (as `statusOn` takes it). */
  readonly policy: PolicyConfig | undefined;
  readonly cache: StatusThenCache;
  /** The canonical incident an id resolves to (merged duplicates); null when there is no such incident. */
  resolve(id: string): string | null;
  /** A canonical incident's evidence, and its status history when the source keeps one (else empty). */
  load(canonical: string): { evidence: IncidentEvidence; statusHistory: readonly StatusChange[] };
}

/**
 * The status of an incident as publicly known on a date: the policy over the evidence dated up to it.
 * That evidence is the same from one evidence date to the next, so the answer is worked out once per
 * such date; on a date where the incident's status history records a change, the history already holds it.
 */
export function statusThen(source: IncidentStatusSource, incidentId: string, on: IsoDate): IncidentStatusThen {
  const canonical = source.resolve(incidentId);
  if (canonical === null) return { incidentId, canonicalIncidentId: null, status: null, readiness: 'NONE', rule: null };
  let known = source.cache.get(canonical);
  if (!known) {
    const { evidence, statusHistory } = source.load(canonical);
    const changes = new Map<IsoDate, StatusChange>();
    for (const change of statusHistory) changes.set(change.on, change);
    source.cache.set(canonical, (known = { evidence, dates: evidenceDates(evidence), changes, byCutDate: new Map() }));
  }
  const cutDate = lastOnOrBefore(known.dates, on);
  let then = known.byCutDate.get(cutDate);
  if (!then) {
    const change = known.changes.get(cutDate);
    const { status, readiness, rule } = change ?? statusOn(known.evidence, source.policy, on);
    const supported = rule !== 'NO_SUPPORTING_SOURCE';
    then = {
      canonicalIncidentId: canonical,
      status: supported ? status : null,
      readiness: supported ? readiness : 'NONE',
      rule,
    };
    known.byCutDate.set(cutDate, then);
  }
  return { incidentId, ...then };
}

/** The statusThen cache of a model, kept across requests while the model stands still (any new event drops it). */
const statusCaches = new WeakMap<RegistryModel, { stamp: string; cache: StatusThenCache }>();

function statusCacheOf(model: RegistryModel): StatusThenCache {
  const stamp = modelStamp(model);
  if (stamp === null) return new Map();
  let kept = statusCaches.get(model);
  if (!kept || kept.stamp !== stamp) statusCaches.set(model, (kept = { stamp, cache: new Map() }));
  return kept.cache;
}

export function ccmStatusOf(states: readonly CcmState[], code: string, on: IsoDate): CcmStatus {
  const state = states.find((s) => s.iso3 === code);
  return state ? ccmStatusOn(state, on) : 'NOT_PARTY';
}

/** The model as a source of incidents for statusThen, with its cache kept while the model stands still. */
export function modelStatusSource(model: RegistryModel): IncidentStatusSource {
  return {
    policy: model.policy,
    cache: statusCacheOf(model),
    resolve: (id) => {
      const canonical = resolveIncidentId(model, id);
      return model.incidents.has(canonical) ? canonical : null;
    },
    load: (canonical) => {
      const incident = model.incidents.get(canonical)!;
      return { evidence: buildEvidence(model, incident), statusHistory: incident.statusHistory };
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
