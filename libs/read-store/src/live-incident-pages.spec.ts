import { DEFAULT_POLICY } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import {
  buildModel,
  type Connection,
  encodeCursor,
  type IncidentPageArgs,
  incidentMap,
  type IncidentSet,
  type IncidentSort,
  listIncidents,
  type ListedIncident,
  type RegistryModel,
  tallyIncidents,
} from '@app/projections';
import { randomHistory } from '../../projections/src/testing/random-history';
import type { IncidentAtCut } from './incidents-at';
import { type LiveIncidentFilter, liveIncidentPage, liveMatching } from './live-incident-pages';
import { ReadStore } from './read-store';
import { withDateCorrections } from './testing/date-corrections';
import { memorySource } from './testing/memory-source';
import { shownOf } from './testing/shown';

/**
 * The oracle for a list asked about now (`liveIncidentPage`): for random histories (corrections of places, users,
 * situations and dates, merges, withdrawals), every filter the API offers, both sorts and both directions, each
 * page walked with its cursors equals the live model's page (`listIncidents`), node by node, with its cursors,
 * page info and count; and the tally and map of the incidents the filter keeps equal the model's.
 */
const SEEDS = Array.from({ length: 6 }, (_, i) => 601 + i);

async function storeOf(events: StoredEvent[]) {
  const store = ReadStore.openFile(':memory:');
  await store.catchUp(memorySource(events, 7));
  return store;
}

type Shown = Omit<IncidentAtCut, 'recordedAt'> & { recordedAt: string };
const shown = (i: ListedIncident & Omit<IncidentAtCut, 'incidentId'>): Shown =>
  JSON.parse(JSON.stringify(shownOf(i))) as Shown;
const pageShown = <T extends ListedIncident & Omit<IncidentAtCut, 'incidentId'>>(page: Connection<T>) => ({
  ...page,
  edges: page.edges.map(({ cursor, node }) => ({ cursor, node: shown(node) })),
});

/** Coordinates for every other allegation (the random histories give none): what a map draws. */
function withCoordinates(events: StoredEvent[]): StoredEvent[] {
  let n = 0;
  return events.map((e) => {
    if (e.type !== 'UseAlleged' || n++ % 2 === 1) return e;
    const data = e.data as { location: Record<string, unknown> };
    const location = { ...data.location, latitude: 10 + n / 7, longitude: 40 - n / 3 };
    return { ...e, data: { ...e.data, location } };
  });
}

/** Every page of a list, walked from the start with each end cursor, then a page after a key between incidents. */
function pagesOf(list: (args: IncidentPageArgs) => Connection<Shown>, args: IncidentPageArgs, between: string[]) {
  const pages: Connection<Shown>[] = [];
  let after: string | undefined;
  do {
    pages.push(list({ ...args, first: 3, after }));
    after = pages[pages.length - 1].pageInfo.endCursor ?? undefined;
  } while (pages[pages.length - 1].pageInfo.hasNextPage && pages.length < 200);
  pages.push(list({ ...args, first: 0 }), list({ ...args, first: 2, after: encodeCursor(between) }));
  return pages;
}

/** A filter of each kind the API offers, with values the history holds. */
function filtersOf(model: RegistryModel): LiveIncidentFilter[] {
  const incidents = [...model.incidents.values()].filter((i) => !i.mergedInto);
  const some = incidents[Math.floor(incidents.length / 3)];
  const other = incidents[Math.floor((2 * incidents.length) / 3)];
  const days = incidents.map((i) => i.details.occurredFrom).sort();
  const middle = days[Math.floor(days.length / 2)];
  const confirmedOn = incidents.flatMap((i) =>
    i.statusHistory.filter((h) => h.status === 'CONFIRMED').map((h) => h.on),
  );
  const confirmedMiddle = confirmedOn.sort()[Math.floor(confirmedOn.length / 2)] ?? middle;
  return [
    {},
    { countryCode: some.details.location.countryCode.toLowerCase() },
    { allegedUser: some.details.allegedUser.stateCodes[0] ?? 'RUS' },
    { status: some.assessment.status },
    { status: [some.assessment.status, other.assessment.status] },
    { readiness: other.assessment.readiness },
    { munitionType: some.details.munition.type.toUpperCase() },
    { occurredFrom: middle },
    { occurredTo: middle, countryCode: other.details.location.countryCode },
    { text: ` ${some.details.summary.slice(2, 9).toUpperCase()} ` },
    { text: 'corrected' },
    { situationId: some.details.situationId ?? 'sit-a' },
    { firstConfirmedFrom: confirmedMiddle },
    { firstConfirmedTo: confirmedMiddle, readiness: 'CONDEMN' },
  ];
}

function expectTheModel(store: ReadStore, events: StoredEvent[]): number {
  const model = buildModel(events);
  let compared = 0;
  for (const filter of filtersOf(model)) {
    for (const sort of ['OCCURRED', 'STATUS_CHANGED'] as IncidentSort[]) {
      for (const descending of [true, false]) {
        const where = `${JSON.stringify(filter)} ${sort} ${descending ? 'DESC' : 'ASC'}`;
        const args = { sort, descending };
        const between = ['2013-06-15', 'm'];
        const replayed = pagesOf((a) => pageShown(listIncidents(model, filter, a)), args, between);
        const got = pagesOf((a) => pageShown(liveIncidentPage(store.db, filter, a, DEFAULT_POLICY)!), args, between);
        expect({ where, pages: got }).toEqual({ where, pages: replayed });
        compared += got.reduce((n, page) => n + page.edges.length, 0);
      }
    }
    // What a tally and a map count: every incident the filter keeps, already filtered.
    const matched = liveMatching(store.db, filter, DEFAULT_POLICY)!;
    const set = { incidents: new Map(matched.map((i) => [i.incidentId, i as unknown as ListedIncident])), fixed: true };
    const where = JSON.stringify(filter);
    const overview = (s: IncidentSet<ListedIncident>, f: LiveIncidentFilter) => ({
      tally: tallyIncidents(s, f),
      map: incidentMap(s, f),
    });
    expect({ where, overview: overview({ ...set, fixed: true }, {}) }).toEqual({
      where,
      overview: overview(model, filter),
    });
  }
  return compared;
}

describe('a list of incidents asked about now, found by SQL over the live rows, against the live model', () => {
  it.each(SEEDS)('history %i, dates corrected: every filter, both sorts, both ways', async (seed) => {
    const events = withDateCorrections(randomHistory(seed, 160).events);
    const store = await storeOf(events);
    expect(expectTheModel(store, events)).toBeGreaterThan(250);
    store.close();
  });

  it.each(SEEDS.slice(0, 2))('history %i as generated (places, users, situations corrected)', async (seed) => {
    const { events } = randomHistory(seed, 160);
    const store = await storeOf(events);
    expect(expectTheModel(store, events)).toBeGreaterThan(250);
    store.close();
  });

  it.each(SEEDS.slice(0, 2))('history %i with coordinates: the map draws them by status', async (seed) => {
    const events = withCoordinates(withDateCorrections(randomHistory(seed, 160).events));
    const store = await storeOf(events);
    expect(expectTheModel(store, events)).toBeGreaterThan(250);
    const { groups } = incidentMap(buildModel(events), {});
    expect(groups.length).toBeGreaterThan(1);
    store.close();
  });

  it('while an incident is due to be assessed, it leaves the list to the model (null)', async () => {
    const store = await storeOf(randomHistory(SEEDS[0], 40).events);
    store.db.exec('INSERT INTO dirty_incidents SELECT incident_id, 0 FROM incidents LIMIT 1');
    expect(liveIncidentPage(store.db, {}, { first: 5 }, DEFAULT_POLICY)).toBeNull();
    store.close();
  });
});
