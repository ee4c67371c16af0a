import type { StoredEvent } from '@app/event-store';
import {
  buildModel,
  buildModelAsOf,
  type Connection,
  encodeCursor,
  type IncidentFilter,
  type IncidentPageArgs,
  listIncidents,
} from '@app/projections';
import { randomHistory } from '../../projections/src/testing/random-history';
import { incidentPageAt } from './incident-pages';
import { ReadStore } from './read-store';
import { cutsOf, whereOf } from './testing/cuts';
import { withDateCorrections } from './testing/date-corrections';
import { memorySource } from './testing/memory-source';

/**
 * The oracle for a page of incidents sorted by date as of a cut, found by SQL (`incidentPageAt`): for random
 * histories (with and without corrections of dates), at every cut on both clocks and live, each page, walked with
 * its cursors in both directions and filtered by dates or not, equals the reference replay's page (`listIncidents`
 * over the replayed model).
 */
const SEEDS = Array.from({ length: 8 }, (_, i) => 401 + i);

type Dated = { incidentId: string; details: { occurredFrom: string; occurredTo: string } };
const dated = <T extends Dated>(page: Connection<T>): Connection<Dated> => ({
  ...page,
  edges: page.edges.map(({ cursor, node: { incidentId, details } }) => ({
    cursor,
    node: { incidentId, details: { occurredFrom: details.occurredFrom, occurredTo: details.occurredTo } },
  })),
});

async function storeOf(events: StoredEvent[]) {
  const store = ReadStore.openFile(':memory:');
  await store.catchUp(memorySource(events, 7));
  return store;
}

/** Every page of the list, walked from the start with each page's end cursor, then from a key between incidents. */
function pagesOf(list: (args: IncidentPageArgs) => Connection<Dated>, descending: boolean, between: string) {
  const pages: Connection<Dated>[] = [];
  let after: string | undefined;
  do {
    pages.push(list({ first: 4, after, descending }));
    after = pages[pages.length - 1].pageInfo.endCursor ?? undefined;
  } while (pages[pages.length - 1].pageInfo.hasNextPage && pages.length < 200);
  pages.push(list({ first: 0, descending }), list({ first: 3, after: encodeCursor([between]), descending }));
  return pages;
}

function expectTheReplay(store: ReadStore, events: StoredEvent[]): number {
  let compared = 0;
  const days = events.filter((e) => e.type === 'UseAlleged').map((e) => e.data.occurredFrom as string);
  const middle = [...days].sort()[Math.floor(days.length / 2)];
  const filters: IncidentFilter[] = [{}, { occurredFrom: middle }, { occurredTo: middle }];
  for (const cut of cutsOf(events.map((e) => e.recordedAt))) {
    const model = cut === 'LIVE' ? buildModel(events) : buildModelAsOf(events, cut);
    for (const filter of filters) {
      for (const descending of [true, false]) {
        const where = `${whereOf(cut)} ${JSON.stringify(filter)} ${descending ? 'DESC' : 'ASC'}`;
        const replayed = pagesOf((args) => dated(listIncidents(model, filter, args)), descending, middle);
        const got = pagesOf((args) => incidentPageAt(store.db, cut, filter, args), descending, middle);
        expect({ where, pages: got }).toEqual({ where, pages: replayed });
        compared += got.reduce((n, page) => n + page.edges.length, 0);
      }
    }
  }
  return compared;
}

describe('a page of incidents sorted by date as of a cut, found by SQL (incidentPageAt), against the replay', () => {
  it.each(SEEDS)('history %i, dates corrected: every page, both ways, filtered by dates or not', async (seed) => {
    const { events } = randomHistory(seed, 160);
    const corrected = withDateCorrections(events);
    const store = await storeOf(corrected);
    expect(expectTheReplay(store, corrected)).toBeGreaterThan(100);
    store.close();
  });

  it.each(SEEDS.slice(0, 3))('history %i as generated (no date corrected)', async (seed) => {
    const { events } = randomHistory(seed, 160);
    const store = await storeOf(events);
    expect(expectTheReplay(store, events)).toBeGreaterThan(100);
    store.close();
  });

  it('an incident whose dates a correction within the cut moved is listed where they put it', async () => {
    const { events } = randomHistory(SEEDS[0], 160);
    const corrected = withDateCorrections(events);
    const store = await storeOf(corrected);
    const moved = [...buildModel(corrected).incidents.values()]
      .filter((i) => !i.mergedInto)
      .filter((i) => {
        const alleged = corrected.find((e) => e.type === 'UseAlleged' && e.data.incidentId === i.incidentId);
        return alleged?.data.occurredFrom !== i.details.occurredFrom;
      })
      .map(({ incidentId, details: { occurredFrom, occurredTo } }) => ({
        incidentId,
        details: { occurredFrom, occurredTo },
      }));
    expect(moved.length).toBeGreaterThan(0);
    const all = incidentPageAt(store.db, 'LIVE', {}, { first: 500 });
    for (const i of moved) expect(all.edges.map((e) => e.node)).toContainEqual(i);
    store.close();
  });
});
