import { buildModel, buildModelAsOf, listStatements, type RegistryModel, type StatementFilter } from '@app/projections';
import { randomHistory } from '../../projections/src/testing/random-history';
import type { ReadCut } from './cut';
import { ReadStore } from './read-store';
import { statementAt, statementsAt } from './statements-at';
import { cutsOf, whereOf, withRevisions } from './testing/cuts';
import { memorySource } from './testing/memory-source';
import { fromFile, fromReplay, shape } from './testing/statement-pages';

/**
 * The oracle for statement lists as of a cut: for random histories (statements recorded, corrected in every
 * field, naming incidents that are merged and withdrawn), at the cuts incidents-at.spec.ts reads on both clocks
 * and live, the list read from the tables equals `listStatements` over the reference replay (`buildModelAsOf`)
 * for every filter by State or incident, alone and combined with kind and dates, page by page (same cursors).
 */
const SEEDS = Array.from({ length: 8 }, (_, i) => 401 + i);
const SPEAKERS = ['GBR', 'FRA', 'DEU', 'IRL', 'NOR', 'BEN', 'USA', 'SAU', 'RUS', 'SYR'];

function filtersOf(incidentIds: string[]): StatementFilter[] {
  return [
    ...SPEAKERS.map((stateCode) => ({ stateCode })),
    { stateCode: ['gbr', 'FRA', 'GBR', 'RUS'] },
    { stateCode: SPEAKERS },
    { stateCode: 'SAU', kind: 'CONDEMNATION' as const, from: '2016-01-01' },
    { stateCode: ['SYR', 'USA'], to: '2017-06-30', kind: ['DENIAL', 'ACKNOWLEDGEMENT'] as const },
    ...incidentIds.map((incidentId) => ({ incidentId })),
    ...incidentIds.slice(0, 6).map((incidentId) => ({ incidentId, stateCode: ['RUS', 'GBR', 'SYR'] })),
    { incidentId: 'no-such-incident' },
  ];
}

describe('statement lists as of a cut from the tables (statementsAt) against the reference replay', () => {
  it.each(SEEDS)('history %i: by State and by incident, both clocks at several cuts, and live', async (seed) => {
    const events = withRevisions(randomHistory(seed, 200).events);
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 7));
    const incidentIds = events.filter((e) => e.type === 'UseAlleged').map((e) => e.data.incidentId as string);
    let nonEmpty = 0;
    let joint = 0;
    for (const cut of cutsOf(events.map((e) => e.recordedAt))) {
      const model: RegistryModel = cut === 'LIVE' ? buildModel(events) : buildModelAsOf(events, cut);
      const where = whereOf(cut);
      for (const filter of filtersOf(incidentIds)) {
        const expected = shape(listStatements(model, filter, { first: 500 }), fromReplay(model));
        const got = shape(statementsAt(store.db, cut, filter, { first: 500 })!, fromFile);
        expect({ where, filter, got }).toEqual({ where, filter, got: expected });
        if (got.totalCount > 0) nonEmpty++;
        joint += new Set(got.edges.map((e) => e.node.statementId)).size < got.edges.length ? 1 : 0;
      }
    }
    expect(nonEmpty).toBeGreaterThan(50);
    expect(joint).toBeGreaterThan(0); // a joint statement listed once per co-signer asked for
    store.close();
  });

  it.each(SEEDS.slice(0, 3))('history %i: pages and cursors, both directions, equal the replay', async (seed) => {
    const events = withRevisions(randomHistory(seed, 200).events);
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 7));
    const cuts: ReadCut[] = cutsOf(events.map((e) => e.recordedAt));
    let paged = 0;
    for (const cut of [cuts[1], cuts[6], cuts[8]]) {
      const model = cut === 'LIVE' ? buildModel(events) : buildModelAsOf(events, cut);
      for (const filter of [{ stateCode: ['GBR', 'FRA', 'RUS'] }, { stateCode: 'SYR' }] as StatementFilter[]) {
        for (const descending of [false, true]) {
          let after: string | undefined;
          let pages = 0;
          do {
            const args = { first: 3, after, descending };
            const expected = shape(listStatements(model, filter, args), fromReplay(model));
            const got = shape(statementsAt(store.db, cut, filter, args)!, fromFile);
            expect({ where: whereOf(cut), filter, args, got }).toEqual({
              where: whereOf(cut),
              filter,
              args,
              got: expected,
            });
            after = got.pageInfo.hasNextPage ? (got.pageInfo.endCursor ?? undefined) : undefined;
            pages++;
          } while (after !== undefined);
          if (pages > 2) paged++;
        }
      }
    }
    expect(paged).toBeGreaterThan(3);
    store.close();
  });

  it('answers null for a list by neither State nor incident (every statement of the cut: not read from here)', () => {
    const store = ReadStore.openFile(':memory:');
    expect(statementsAt(store.db, 'LIVE', { kind: 'CONDEMNATION' })).toBeNull();
    expect(statementsAt(store.db, 'LIVE', { stateCode: 'GBR' })?.totalCount).toBe(0);
    store.close();
  });

  it.each(SEEDS.slice(0, 4))(
    'history %i: one statement by its id (statementAt), at every cut, equals the replay',
    async (seed) => {
      const events = withRevisions(randomHistory(seed, 200).events);
      const store = ReadStore.openFile(':memory:');
      await store.catchUp(memorySource(events, 7));
      const ids = [
        ...new Set(events.flatMap((e) => (e.type === 'StatementRecorded' ? [e.data.statementId as string] : []))),
      ];
      let corrected = 0;
      for (const cut of cutsOf(events.map((e) => e.recordedAt))) {
        const model = cut === 'LIVE' ? buildModel(events) : buildModelAsOf(events, cut);
        for (const id of [...ids, 'no-such-statement']) {
          const view = model.statements.get(id);
          const expected = view ? fromReplay(model)({ ...view, speaker: null }) : null;
          const found = statementAt(store.db, cut, id);
          expect({ where: whereOf(cut), id, got: found && fromFile(found) }).toEqual({
            where: whereOf(cut),
            id,
            got: expected,
          });
          if (found && found.corrections.length > 0) corrected++;
        }
      }
      expect(corrected).toBeGreaterThan(0);
      store.close();
    },
  );
});
