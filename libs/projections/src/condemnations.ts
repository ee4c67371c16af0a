import { STATEMENT_KINDS } from '@app/domain';
import type { IsoDate } from '@app/domain';
import { type ReportedDetails, resolutionUtterances, scopeCoverage, type Utterance } from './coverage';
import { dayNumber, isoDateOfDay } from './day-numbers';
import type { StatementRows } from './report-source';
import type { RegistryModel } from './model';
import { resolveIncidentId } from './model';

/** What counting condemnations reads, all as of one cut: its canonical incidents and every response made. */
export interface CondemnationSources {
  incidents: Iterable<{ incidentId: string; details: ReportedDetails }>;
  /** Statements (and resolutions as their YES voters' utterances), of any kind: only condemnations count. */
  utterances: Iterable<Utterance>;
  /** The canonical incident an id named then (a merged duplicate resolves to its incident). */
  resolve: (incidentId: string) => string;
}

/**
 * Incident id -> the States that condemned it by the date, by the counting rules of the speak-out report
 * (statements naming it, its situation or its alleged user, once per co-signer, and YES votes for condemning
 * resolutions). Generic condemnations ("any use by any actor") count only when `countGeneric` says so: the
 * presidency asks who has not yet condemned *this* use.
 */
export function condemnersOf(
  sources: CondemnationSources,
  on: IsoDate,
  countGeneric = false,
): Map<string, Set<string>> {
  const incidents = [...sources.incidents];
  const condemners = new Map<string, Set<string>>();
  const add = (id: string, codes: readonly string[]) => {
    let set = condemners.get(id);
    if (!set) condemners.set(id, (set = new Set()));
    for (const code of codes) set.add(code);
  };
  for (const u of sources.utterances) {
    if (u.kind !== 'CONDEMNATION' || u.on > on) continue;
    for (const raw of u.incidentIds) add(sources.resolve(raw), u.speakers);
    const scope = u.scope;
    const named = scope !== undefined && (scope.situationIds !== undefined || scope.allegedUser !== undefined);
    if (scope === undefined || (!countGeneric && !named)) continue;
    const counted = countGeneric ? scope : { ...scope, generic: false };
    for (const incident of incidents)
      if (scopeCoverage(counted, incident) !== null) add(incident.incidentId, u.speakers);
  }
  return condemners;
}

/** condemnersOf a model (live, or replayed as of a cut). */
export const condemnersByIncident = (model: RegistryModel, on: IsoDate, countGeneric = false) =>
  condemnersOf(
    {
      incidents: [...model.incidents.values()].filter((i) => !i.mergedInto),
      utterances: modelUtterances(model, on),
      resolve: (id) => resolveIncidentId(model, id),
    },
    on,
    countGeneric,
  );

function* modelUtterances(model: RegistryModel, on: IsoDate): Iterable<Utterance> {
  for (const s of model.statements.values()) {
    yield {
      kind: s.kind,
      on: s.deliveredOn,
      speakers: s.speakers,
      incidentIds: s.incidentIds,
      scope: s.scope,
      statementId: s.statementId,
      resolutionId: null,
    };
  }
  for (const { utterance } of resolutionUtterances(model, on)) yield utterance;
}

const CONDEMNATION = STATEMENT_KINDS.indexOf('CONDEMNATION');

/**
 * The condemnations among a report's statement rows delivered by `on`, as utterances (what `condemnersOf` counts):
 * the rows' kind and day codes are read as numbers, and only the condemnations are turned into objects, without
 * their statement ids unless asked (looking them up is most of the cost of a row).
 */
export function* rowCondemnations(rows: StatementRows, on: IsoDate): Iterable<Utterance> {
  const last = dayNumber(on);
  const numbers: number[] = [];
  const dates = new Map<number, IsoDate>();
  for (let row = 0; row < rows.length; row++) {
    // An absent row's day (ABSENT_DAY) lies after every day.
    const day = rows.dayOf(row);
    if (rows.kindOf(row) !== CONDEMNATION || day > last) continue;
    const incidentIds: string[] = [];
    for (let i = 0, n = rows.incidentNumbersInto(row, numbers); i < n; i++)
      incidentIds.push(rows.incidentIds[numbers[i]]);
    const speakers: string[] = [];
    for (let i = 0, n = rows.speakersInto(row, numbers); i < n; i++) speakers.push(rows.stateCodes[numbers[i]]);
    let date = dates.get(day);
    if (date === undefined) dates.set(day, (date = isoDateOfDay(day)));
    yield {
      kind: 'CONDEMNATION',
      on: date,
      speakers,
      incidentIds,
      scope: rows.scoped.has(row) ? rows.view(row).scope : undefined,
      get statementId() {
        return rows.statementIdOf(row);
      },
      resolutionId: null,
    };
  }
}
