import type { Assessment, IsoDate, Readiness, Status, StatusChange } from '@app/domain';
import { type ReportedDetails, SCOPE_LEVELS, type ScopeLevel } from './coverage';
import { milestonesOf } from './dates';
import { type CoveringStatement, coveringStatementsOf } from './referring';
import type {
  AuditEntry,
  CorroborationView,
  IncidentView,
  InvestigationView,
  RegistryModel,
  SourceView,
  StatementView,
} from './model';
import { findIncident, resolveIncidentId } from './model';
import type { Connection, Keyed, PageArgs, SortKey } from './pagination';
import { paginateSorted, sortByKey } from './pagination';

export interface CorroborationDetail extends CorroborationView {
  source: SourceView | null;
}

export interface ReferringStatement extends StatementView {
  /**
   * For a condemnation: days from the incident's first confirmation (evidence clock) to it; negative: anticipatory.
   * Null for other kinds and before any confirmation.
   */
  lagDays: number | null;
  anticipatory: boolean;
  /** How it covers the incident: INCIDENT, SITUATION, USER or GENERIC. */
  coveredAs: ScopeLevel;
}

export interface StatusChangeDetail extends StatusChange {
  /** The events dated that day that carried the evidence behind the change. */
  eventIds: string[];
}

export interface IncidentDetail extends IncidentView {
  /** The id asked for (a merged duplicate's id resolves to the canonical incident). */
  requestedId: string;
  corroborations: CorroborationDetail[];
  investigations: InvestigationView[];
  statements: ReferringStatement[];
  statusChanges: StatusChangeDetail[];
  corroboratedOn: IsoDate | null;
  confirmedOn: IsoDate | null;
}

/** What the causes of a status change are read from: the evidence as of the cut, by id, with its events' ids. */
export interface EvidenceEvents {
  corroborations: ReadonlyMap<string, Pick<CorroborationView, 'publishedOn' | 'eventId' | 'retraction'>>;
  investigations: ReadonlyMap<string, Pick<InvestigationView, 'openedOn' | 'concludedOn' | 'eventIds'>>;
  statements: ReadonlyMap<string, Pick<StatementView, 'deliveredOn' | 'eventId'>>;
}

/**
 * Event ids recorded on `on` for the evidence behind a status change; else every event of the incident's audit
 * trail dated that day (`trailIdsOn`).
 */
export function causesOf(
  evidence: EvidenceEvents,
  change: StatusChange,
  trailIdsOn: (on: IsoDate) => string[],
): string[] {
  const found: string[] = [];
  for (const id of change.evidenceIds) {
    const c = evidence.corroborations.get(id);
    if (c) {
      if (c.publishedOn === change.on) found.push(c.eventId);
      if (c.retraction?.retractedOn === change.on) found.push(c.retraction.eventId);
      continue;
    }
    const inv = evidence.investigations.get(id);
    if (inv) {
      if (inv.concludedOn === change.on) found.push(inv.eventIds[inv.eventIds.length - 1]);
      else if (inv.openedOn === change.on) found.push(inv.eventIds[0]);
      continue;
    }
    const s = evidence.statements.get(id);
    if (s && s.deliveredOn === change.on) found.push(s.eventId);
  }
  if (found.length > 0) return found;
  return trailIdsOn(change.on);
}

const byDate =
  <T>(dateOf: (item: T) => IsoDate) =>
  (a: T, b: T) => {
    const x = dateOf(a);
    const y = dateOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
const byDelivery = byDate((s: StatementView) => s.deliveredOn);
const byOpening = byDate((i: InvestigationView) => i.openedOn);

/** The statements referring to an incident, by delivery date (a stable sort: one day's stay in linking order). */
export function statementsOf(model: RegistryModel, incident: IncidentView): StatementView[] {
  const list: StatementView[] = [];
  for (const id of incident.statementIds) {
    const s = model.statements.get(id);
    if (s) list.push(s);
  }
  return list.sort(byDelivery);
}

/** The investigations covering an incident, by opening date. */
export function investigationsOf(model: RegistryModel, incident: IncidentView): InvestigationView[] {
  const list: InvestigationView[] = [];
  for (const id of incident.investigationIds) {
    const i = model.investigations.get(id);
    if (i) list.push(i);
  }
  return list.sort(byOpening);
}

/**
 * The statements covering an incident (by the speak-out report's rule: its id, its situation, its alleged user or
 * any use), by delivery date, each with the scope it came in and its lag (condemnations only; see README,
 * "How statements are counted").
 */
export function statementLagsOf(
  model: RegistryModel,
  incident: IncidentView,
  milestones = milestonesOf(incident),
  scopes: readonly ScopeLevel[] = SCOPE_LEVELS,
): CoveringStatement[] {
  return coveringStatementsOf(model, incident, scopes, milestones.confirmedOn);
}

/** Every status change of an incident with the events behind it. */
export function statusChangesOf(model: RegistryModel, incident: IncidentView): StatusChangeDetail[] {
  const trailIdsOn = (on: IsoDate) => incident.audit.eventIdsOn(on);
  return incident.statusHistory.map((change) => ({ ...change, eventIds: causesOf(model, change, trailIdsOn) }));
}

/** Everything about one incident at once; the API resolves the parts a query selects with the functions above. */
export function getIncident(model: RegistryModel, id: string): IncidentDetail | null {
  const incident = findIncident(model, id);
  if (!incident) return null;
  const milestones = milestonesOf(incident);
  const corroborations = incident.corroborationIds.flatMap((cid) => {
    const c = model.corroborations.get(cid);
    return c ? [{ ...c, source: model.sources.get(c.sourceId) ?? null }] : [];
  });
  return {
    ...incident,
    requestedId: id,
    corroborations,
    investigations: investigationsOf(model, incident),
    statements: statementLagsOf(model, incident, milestones).map(
      ({ statement, scope, lagDays, anticipatory }): ReferringStatement => ({
        ...statement,
        coveredAs: scope,
        lagDays,
        anticipatory,
      }),
    ),
    statusChanges: statusChangesOf(model, incident),
    ...milestones,
  };
}

export interface IncidentFilter {
  countryCode?: string;
  /** A State code among the alleged user's. */
  allegedUser?: string;
  status?: Status | readonly Status[];
  readiness?: Readiness | readonly Readiness[];
  /** Case-insensitive, exact munition type (e.g. "BL-755"). */
  munitionType?: string;
  /** Incidents whose occurrence range overlaps [occurredFrom, occurredTo]. */
  occurredFrom?: IsoDate;
  occurredTo?: IsoDate;
  /** Case-insensitive text over place name, munition type and summary. */
  text?: string;
  situationId?: string;
  /** Incidents first CONFIRMED (evidence clock) within [firstConfirmedFrom, firstConfirmedTo]. */
  firstConfirmedFrom?: IsoDate;
  firstConfirmedTo?: IsoDate;
  /**
   * Incidents none of these States has condemned yet: `condemners` is condemnersByIncident's answer,
   * `stateCodes` the States asked about (e.g. every State Party).
   */
  notCondemnedBy?: { stateCodes: ReadonlySet<string>; condemners: ReadonlyMap<string, ReadonlySet<string>> };
}

export type IncidentSort = 'OCCURRED' | 'STATUS_CHANGED';
export interface IncidentPageArgs extends PageArgs {
  sort?: IncidentSort;
  /** Newest first by default. */
  descending?: boolean;
}

const oneOf = <T>(wanted: T | readonly T[], value: T) =>
  Array.isArray(wanted) ? wanted.includes(value) : wanted === value;

/** The filters that read nothing but an incident's details. */
export type DetailsFilter = Pick<
  IncidentFilter,
  'countryCode' | 'allegedUser' | 'munitionType' | 'occurredFrom' | 'occurredTo' | 'text' | 'situationId'
>;

type Check<I> = (incident: I) => boolean;

/** The filters on details a report takes (see ReportedDetails). */
export type ReportedDetailsFilter = Pick<
  DetailsFilter,
  'countryCode' | 'allegedUser' | 'occurredFrom' | 'occurredTo' | 'situationId'
>;

function reportedChecks(f: ReportedDetailsFilter): Check<{ details: ReportedDetails }>[] {
  const checks: Check<{ details: ReportedDetails }>[] = [];
  const { occurredFrom, occurredTo } = f;
  if (f.countryCode !== undefined) {
    const code = f.countryCode.toUpperCase();
    checks.push((i) => i.details.location.countryCode === code);
  }
  if (f.allegedUser !== undefined) {
    const code = f.allegedUser.toUpperCase();
    checks.push((i) => i.details.allegedUser.stateCodes.includes(code));
  }
  if (occurredFrom !== undefined) checks.push((i) => i.details.occurredTo >= occurredFrom);
  if (occurredTo !== undefined) checks.push((i) => i.details.occurredFrom <= occurredTo);
  if (f.situationId !== undefined) checks.push((i) => i.details.situationId === f.situationId);
  return checks;
}

function detailsChecks(f: DetailsFilter): Check<Pick<ListedIncident, 'details'>>[] {
  const checks: Check<Pick<ListedIncident, 'details'>>[] = reportedChecks(f);
  if (f.munitionType !== undefined) {
    const type = f.munitionType.toLowerCase();
    checks.push((i) => i.details.munition.type.toLowerCase() === type);
  }
  const needle = f.text?.trim().toLowerCase();
  if (needle) {
    checks.push(({ details: d }) =>
      `${d.location.placeName}\n${d.munition.type}\n${d.summary}`.toLowerCase().includes(needle),
    );
  }
  return checks;
}

function allOf<I>(checks: Check<I>[]): Check<I> {
  if (checks.length === 0) return () => true;
  if (checks.length === 1) return checks[0];
  return (incident) => {
    for (const check of checks) if (!check(incident)) return false;
    return true;
  };
}

/** `incidentMatcher` of the filters a report takes, over what a report reads of details. */
export const reportedMatcher = (f: ReportedDetailsFilter): Check<{ details: ReportedDetails }> =>
  allOf(reportedChecks(f));

/**
 * What a tally, a map and a list sorted by date read of an incident when filtered on nothing but `OverviewFilter`:
 * as of a date, the projection file reads only this of every incident (no words, no assessment, no history).
 */
export interface OverviewIncident {
  incidentId: string;
  details: ReportedDetails;
  assessment: Pick<Assessment, 'status' | 'readiness'>;
}

/** The filters an `OverviewIncident` answers: those a report takes, the status and readiness, who condemned it. */
export type OverviewFilter = ReportedDetailsFilter & Pick<IncidentFilter, 'status' | 'readiness' | 'notCondemnedBy'>;

const OVERVIEW_FILTERS = new Set<string>([
  'countryCode',
  'allegedUser',
  'occurredFrom',
  'occurredTo',
  'situationId',
  'status',
  'readiness',
  'notCondemnedBy',
] satisfies (keyof OverviewFilter)[]);

/** Whether a filter sets nothing an `OverviewIncident` lacks. */
export const isOverviewFilter = (f: IncidentFilter): f is OverviewFilter =>
  Object.entries(f).every(([field, value]) => value === undefined || OVERVIEW_FILTERS.has(field));

/** The checks on what the registry said of an incident then: its status, its readiness, who had condemned it. */
function statusChecks(f: OverviewFilter): Check<Pick<OverviewIncident, 'incidentId' | 'assessment'>>[] {
  const checks: Check<Pick<OverviewIncident, 'incidentId' | 'assessment'>>[] = [];
  const { status, readiness } = f;
  if (status !== undefined) checks.push((i) => oneOf(status, i.assessment.status));
  if (readiness !== undefined) checks.push((i) => oneOf(readiness, i.assessment.readiness));
  const notBy = f.notCondemnedBy;
  if (notBy) {
    checks.push((i) => {
      const by = notBy.condemners.get(i.incidentId);
      if (!by) return true;
      for (const code of by) if (notBy.stateCodes.has(code)) return false;
      return true;
    });
  }
  return checks;
}

/** `incidentMatcher` of an `OverviewFilter`, over `OverviewIncident`s. */
export const overviewMatcher = (f: OverviewFilter): Check<OverviewIncident> =>
  allOf<OverviewIncident>([...reportedChecks(f), ...statusChecks(f)]);

/** The sort key of OCCURRED: the start of the occurrence range, then the id. */
const byOccurrence = (i: Pick<OverviewIncident, 'incidentId' | 'details'>): SortKey => [
  i.details.occurredFrom,
  i.incidentId,
];

/** The overview incidents sorted as `listIncidents` sorts by OCCURRED: what a page of them is cut from. */
export const overviewSorted = <V extends OverviewIncident>(incidents: Iterable<V>): Keyed<V>[] =>
  sortByKey(incidents, byOccurrence);

/** A page of overview incidents (sorted by `overviewSorted`) as `listIncidents` pages them sorted by OCCURRED. */
export function listOverview<V extends OverviewIncident>(
  sorted: readonly Keyed<V>[],
  filter: OverviewFilter,
  args: PageArgs & { descending?: boolean } = {},
): Connection<V> {
  return paginateSorted(sorted, overviewMatcher(filter), { ...args, descending: args.descending ?? true });
}

/** The overview incidents the filter keeps, in `matchingIncidents`' order (what tallies and maps count). */
export function* matchingOverview<V extends OverviewIncident>(
  sorted: readonly Keyed<V>[],
  filter: OverviewFilter,
): Generator<V> {
  const keep = overviewMatcher(filter);
  for (const { node } of sorted) if (keep(node)) yield node;
}

/**
 * The filter as one predicate, normalised once (upper-cased codes, lower-cased texts) and checking only
 * the fields it sets: lists and reports run it over every incident.
 */
export function incidentMatcher(f: IncidentFilter): (incident: ListedIncident) => boolean {
  const checks: Check<ListedIncident>[] = [...detailsChecks(f), ...statusChecks(f)];
  const { firstConfirmedFrom: from, firstConfirmedTo: to } = f;
  if (from !== undefined || to !== undefined) {
    checks.push((i) => {
      const on = milestonesOf(i).confirmedOn;
      return on !== null && (from === undefined || on >= from) && (to === undefined || on <= to);
    });
  }
  return allOf(checks);
}

/** What a list, a filter, a sort, a tally or a map reads of an incident. */
export type ListedIncident = Pick<IncidentView, 'incidentId' | 'details' | 'assessment' | 'statusHistory'> &
  Partial<Pick<IncidentView, 'mergedInto'>>;

/**
 * Where lists are taken from: a registry model (live or replayed), or a set that never changes, such as the
 * projection file's incidents as of a cut (`fixed`: what is kept beside it never goes stale).
 */
export type IncidentSet<V extends ListedIncident = IncidentView> =
  RegistryModel | { readonly incidents: ReadonlyMap<string, V>; readonly fixed: true };

const SORT_KEYS: Record<IncidentSort, (i: ListedIncident) => SortKey> = {
  OCCURRED: byOccurrence,
  STATUS_CHANGED: (i) => [i.assessment.statusSince ?? '', i.incidentId],
};

/**
 * What identifies the state of a model for the query caches kept beside it: every event folded moves it.
 * Null while a bulk fold has assessments to settle (that happens later, without a new event): keep nothing then.
 */
export function modelStamp(model: RegistryModel): string | null {
  if (model.deferAssessments || model.dirty.size > 0) return null;
  return `${model.checkpoint ?? ''}|${model.eventsApplied}|${model.skipped}`;
}

/** modelStamp for any incident set: a fixed set stands still for good. */
export const setStamp = <V extends ListedIncident>(set: IncidentSet<V>): string | null =>
  'fixed' in set ? 'fixed' : modelStamp(set);

/**
 * The canonical incidents sorted by each key, and those of each country (the filter lists use most), kept
 * while the model stands still: cheap to look up, costly to sort, and a country's list spares a request a
 * pass over every incident.
 */
const sortedIncidents = new WeakMap<object, { stamp: string; lists: Map<string, Keyed<ListedIncident>[]> }>();

function incidentsSortedBy<V extends ListedIncident>(
  set: IncidentSet<V>,
  sort: IncidentSort,
  countryCode?: string,
): Keyed<V>[] {
  const build = (): Keyed<V>[] =>
    countryCode === undefined
      ? sortByKey(
          [...(set.incidents as ReadonlyMap<string, V>).values()].filter((i) => !i.mergedInto),
          SORT_KEYS[sort],
        )
      : incidentsSortedBy(set, sort).filter((k) => k.node.details.location.countryCode === countryCode);
  const stamp = setStamp(set);
  if (stamp === null) return build();
  let cached = sortedIncidents.get(set);
  if (!cached || cached.stamp !== stamp) sortedIncidents.set(set, (cached = { stamp, lists: new Map() }));
  const key = countryCode === undefined ? sort : `${sort}|${countryCode}`;
  let sorted = cached.lists.get(key) as Keyed<V>[] | undefined;
  if (!sorted) cached.lists.set(key, (sorted = build()));
  return sorted;
}

/** The canonical incidents a filter matches, in no promised order (for counts and maps, which need no page). */
export function* matchingIncidents<V extends ListedIncident = IncidentView>(
  set: IncidentSet<V>,
  filter: IncidentFilter = {},
): Generator<V> {
  const { countryCode, ...rest } = filter;
  const keep = incidentMatcher(rest);
  for (const { node } of incidentsSortedBy(set, 'OCCURRED', countryCode?.toUpperCase())) if (keep(node)) yield node;
}

/** Canonical incidents only (merged duplicates live on inside their canonical incident). */
export function listIncidents<V extends ListedIncident = IncidentView>(
  set: IncidentSet<V>,
  filter: IncidentFilter = {},
  args: IncidentPageArgs = {},
): Connection<V> {
  // A country's list holds only its incidents: the other checks are left (an incident's details sit far
  // apart in memory).
  const { countryCode, ...rest } = filter;
  return paginateSorted(
    incidentsSortedBy(set, args.sort ?? 'OCCURRED', countryCode?.toUpperCase()),
    incidentMatcher(rest),
    { ...args, descending: args.descending ?? true },
  );
}

/**
 * The audit trail of an incident (with its merged duplicates' events), oldest first; null when there is
 * no such incident. Only for models that keep audit entries (see AuditTrail): the live one does not.
 */
export function incidentHistory(model: RegistryModel, id: string): AuditEntry[] | null {
  const incident = findIncident(model, id);
  if (!incident) return null;
  if (incident.audit.entries === null)
    throw new Error('this model keeps no audit entries: replay the incident to read its history');
  return incident.audit.entries;
}

/** The canonical id an id resolves to, or null when no such incident exists. */
export function canonicalIncidentId(model: RegistryModel, id: string): string | null {
  const canonical = resolveIncidentId(model, id);
  return model.incidents.has(canonical) ? canonical : null;
}
