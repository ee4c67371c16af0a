import { buildModel, buildModelAsOf, listStatements } from '@app/projections';
import { randomHistory } from '../../projections/src/testing/random-history';
import { ReadStore } from './read-store';
import { type StatementPageFilter, statementPageAt } from './statement-pages';
import { cutsOf, whereOf, withRevisions } from './testing/cuts';
import { memorySource } from './testing/memory-source';
import { fromFile, fromReplay, shape } from './testing/statement-pages';

/**
 * The oracle for a page of every statement as of a cut: for random histories (statements whose delivery date, kind
 * or venue is corrected, dated and recorded in either order), at the cuts incidents-at.spec.ts reads on both clocks
 * and live, by delivery dates, kinds and venues,
 * each page read from the tables (walking the delivery-date index, the corrected dates merged in) equals the
 * page `listStatements` gives over the reference replay, with the same cursors and counts, in both directions.
 */
const SEEDS = Array.from({ length: 6 }, (_, i) => 601 + i);

const FILTERS: StatementPageFilter[] = [
  {},
  { from: '2016-01-01' },
  { to: '2017-06-30' },
  { from: '2016-03-01', to: '2017-12-31' },
  { kind: 'CONDEMNATION' },
  { kind: ['CONCERN', 'DENIAL'], from: '2016-01-01' },
  { venue: 'HUMAN_RIGHTS_COUNCIL' },
  { venue: ['NATIONAL', 'UNGA_FIRST_COMMITTEE'], kind: ['CONDEMNATION', 'CONCERN'], to: '2017-06-30' },
];

describe('a page of every statement as of a cut (statementPageAt) against the reference replay', () => {
  it.each(SEEDS)('history %i: every page, both directions, both clocks at several cuts, and live', async (seed) => {
    const events = withRevisions(randomHistory(seed, 200).events);
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 7));
    let pages = 0;
    let moved = 0;
    for (const cut of cutsOf(events.map((e) => e.recordedAt))) {
      const model = cut === 'LIVE' ? buildModel(events) : buildModelAsOf(events, cut);
      moved += [...model.statements.values()].filter((s) =>
        s.corrections.some((c) => c.changes.deliveredOn ?? c.changes.kind ?? c.changes.venue),
      ).length;
      for (const range of FILTERS) {
        for (const descending of [false, true]) {
          let after: string | undefined;
          do {
            const args = { first: 4, after, descending };
            const expected = shape(listStatements(model, range, args), fromReplay(model));
            const got = shape(statementPageAt(store.db, cut, range, args), fromFile);
            expect({ where: whereOf(cut), range, args, got }).toEqual({
              where: whereOf(cut),
              range,
              args,
              got: expected,
            });
            after = got.pageInfo.hasNextPage ? (got.pageInfo.endCursor ?? undefined) : undefined;
            pages++;
          } while (after !== undefined);
        }
      }
    }
    expect(pages).toBeGreaterThan(100);
    expect(moved).toBeGreaterThan(0); // statements whose delivery date, kind or venue was corrected within the cut
    store.close();
  });

  it('a cursor from a list by State (a speaker in its key) pages the same as the replay', async () => {
    const events = withRevisions(randomHistory(601, 200).events);
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 7));
    const model = buildModel(events);
    const byState = listStatements(model, { stateCode: 'GBR' }, { first: 3 });
    for (const descending of [false, true]) {
      const args = { first: 5, after: byState.pageInfo.endCursor ?? undefined, descending };
      const expected = shape(listStatements(model, {}, args), fromReplay(model));
      expect(shape(statementPageAt(store.db, 'LIVE', {}, args), fromFile)).toEqual(expected);
    }
    expect(() => statementPageAt(store.db, 'LIVE', {}, { after: 'nope' })).toThrow(/cursor/);
    expect(() => statementPageAt(store.db, 'LIVE', {}, { first: 501 })).toThrow(/first/);
    store.close();
  });
});
