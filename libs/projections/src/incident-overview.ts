import type { Readiness, Status } from '@app/domain';
import {
  type IncidentFilter,
  type IncidentSet,
  type ListedIncident,
  matchingIncidents,
  matchingOverview,
  type OverviewFilter,
  type OverviewIncident,
  setStamp,
} from './incident.queries';
import type { Keyed } from './pagination';

/**
 * Answers kept while the model stands still (every event moves its stamp), like the sorted lists: every visitor's
 * overview asks the same few. A bounded few per model; filters holding sets (not-yet-condemned) are not kept.
 */
const kept = new WeakMap<object, { stamp: string; answers: Map<string, unknown> }>();
const KEEP_AT_MOST = 64;

/** `build`'s answer for `owner` (an incident set, or overview incidents that never change) while `stamp` holds. */
function remembered<T>(owner: object, stamp: string | null, kind: string, filter: IncidentFilter, build: () => T): T {
  if (stamp === null || filter.notCondemnedBy) return build();
  let entry = kept.get(owner);
  if (!entry || entry.stamp !== stamp) kept.set(owner, (entry = { stamp, answers: new Map() }));
  const key = `${kind}|${JSON.stringify(filter)}`;
  if (entry.answers.has(key)) return entry.answers.get(key) as T;
  const answer = build();
  if (entry.answers.size >= KEEP_AT_MOST) entry.answers.clear();
  entry.answers.set(key, answer);
  return answer;
}

/** How many matching incidents have one status and one readiness. */
export interface IncidentTally {
  status: Status;
  readiness: Readiness;
  count: number;
}

/**
 * The matching incidents counted by status and readiness, in one pass: every count an overview shows (by
 * status, by readiness, in all, under any choice of either) is a sum of these cells. Pairs that occur only.
 */
export function tallyIncidents<V extends ListedIncident>(
  model: IncidentSet<V>,
  filter: IncidentFilter = {},
): readonly IncidentTally[] {
  return remembered(model, setStamp(model), 'tally', filter, () => tallyOf(matchingIncidents(model, filter)));
}

/** `tallyIncidents` of overview incidents (sorted by `overviewSorted`: they never change). */
export function tallyOverview<V extends OverviewIncident>(
  sorted: readonly Keyed<V>[],
  filter: OverviewFilter,
): readonly IncidentTally[] {
  return remembered(sorted, 'fixed', 'tally', filter, () => tallyOf(matchingOverview(sorted, filter)));
}

function tallyOf(incidents: Iterable<Pick<OverviewIncident, 'assessment'>>): IncidentTally[] {
  const cells = new Map<string, IncidentTally>();
  for (const incident of incidents) {
    const { status, readiness } = incident.assessment;
    const key = `${status}|${readiness}`;
    const cell = cells.get(key);
    if (cell) cell.count++;
    else cells.set(key, { status, readiness, count: 1 });
  }
  return [...cells.values()];
}

/** The points of one status: longitude, latitude, longitude, latitude… */
export interface MapPointGroup {
  status: Status;
  coordinates: number[];
}
export interface IncidentMap {
  /** Countries with a matching incident, with or without coordinates. */
  countryCodes: string[];
  groups: MapPointGroup[];
  /** Matching incidents logged without coordinates (not in any group). */
  withoutCoordinates: number;
}

/** Four decimals of a degree: about 11 m, finer than a map can show and than most sources locate a strike. */
const round = (degrees: number) => Math.round(degrees * 1e4) / 1e4;

/** What a map of the matching incidents draws: a flat coordinate list per status, and the countries to shade. */
export function incidentMap<V extends ListedIncident>(model: IncidentSet<V>, filter: IncidentFilter = {}): IncidentMap {
  return remembered(model, setStamp(model), 'map', filter, () => mapOf(matchingIncidents(model, filter)));
}

/** `incidentMap` of overview incidents (sorted by `overviewSorted`: they never change). */
export function overviewMap<V extends OverviewIncident>(
  sorted: readonly Keyed<V>[],
  filter: OverviewFilter,
): IncidentMap {
  return remembered(sorted, 'fixed', 'map', filter, () => mapOf(matchingOverview(sorted, filter)));
}

function mapOf(incidents: Iterable<Pick<OverviewIncident, 'details' | 'assessment'>>): IncidentMap {
  const countries = new Set<string>();
  const groups = new Map<Status, number[]>();
  let withoutCoordinates = 0;
  for (const incident of incidents) {
    const { location } = incident.details;
    countries.add(location.countryCode);
    if (typeof location.latitude !== 'number' || typeof location.longitude !== 'number') {
      withoutCoordinates++;
      continue;
    }
    const status = incident.assessment.status;
    let list = groups.get(status);
    if (!list) groups.set(status, (list = []));
    list.push(round(location.longitude), round(location.latitude));
  }
  return {
    countryCodes: [...countries].sort(),
    groups: [...groups].map(([status, coordinates]) => ({ status, coordinates })),
    withoutCoordinates,
  };
}
