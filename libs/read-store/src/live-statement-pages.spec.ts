import { buildModel, listStatements, type StatementFilter } from '@app/projections';
import { randomHistory } from '../../projections/src/testing/random-history';
import { liveStatementPage } from './live-statement-pages';
import { ReadStore } from './read-store';
import { withRevisions } from './testing/cuts';
import { memorySource } from './testing/memory-source';
import { fromFile, fromReplay, shape } from './testing/statement-pages';

/**
 * The oracle for a page of the statements by State or about an incident now: for random histories (statements
 * whose delivery date, kind, venue, speakers or incidents are corrected; incidents merged and withdrawn), every
 * filter by State (one, several, joint statements once per co-signer), by incident (merged duplicates included) and
 * by both, with kinds, venues and dates, walked page by page with its cursors in both directions, equals the page
 * `listStatements` gives over the live replay, with the same cursors and counts.
 */
const SEEDS = Array.from({ length: 6 }, (_, i) => 701 + i);

function filtersOf(incidentIds: string[]): StatementFilter[] {
  return [
    { stateCode: 'GBR' },
    { stateCode: 'syr' },
    { stateCode: ['gbr', 'FRA', 'GBR', 'RUS'] },
    { stateCode: ['USA', 'SAU', 'BEN', 'NOR', 'IRL', 'DEU'], from: '2016-01-01' },
    { stateCode: 'SAU', kind: 'CONDEMNATION', to: '2017-06-30' },
    { stateCode: ['SYR', 'USA', 'RUS'], kind: ['DENIAL', 'ACKNOWLEDGEMENT', 'CONCERN'], venue: 'NATIONAL' },
    { stateCode: 'XXX' },
    { stateCode: [] },
    { stateCode: 'GBR', kind: [] },
    { stateCode: [], incidentId: incidentIds[0] },
    { incidentId: incidentIds[0], venue: [] },
    ...incidentIds.map((incidentId) => ({ incidentId })),
    ...incidentIds.slice(0, 8).map((incidentId) => ({ incidentId, stateCode: ['RUS', 'GBR', 'SYR'] })),
    ...incidentIds.slice(0, 8).map((incidentId) => ({ incidentId, kind: ['CONDEMNATION', 'CONCERN'] as const })),
    ...incidentIds.slice(8, 14).map((incidentId) => ({ incidentId, venue: 'HUMAN_RIGHTS_COUNCIL' as const })),
    ...incidentIds.slice(0, 8).map((incidentId) => ({ incidentId, from: '2016-03-01', to: '2017-12-31' })),
    { incidentId: 'no-such-incident' },
    { incidentId: 'no-such-incident', stateCode: 'GBR' },
  ];
}

describe('a page of the statements by State or incident now (liveStatementPage) against the live replay', () => {
  jest.setTimeout(120_000);

  it.each(SEEDS)('history %i: every filter, page by page, both directions', async (seed) => {
    const events = withRevisions(randomHistory(seed, 200).events);
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 7));
    const model = buildModel(events);
    const incidentIds = events.filter((e) => e.type === 'UseAlleged').map((e) => e.data.incidentId as string);
    let pages = 0;
    let nonEmpty = 0;
    for (const filter of filtersOf(incidentIds)) {
      for (const descending of [false, true]) {
        let after: string | undefined;
        do {
          const args = { first: 3, after, descending };
          const expected = shape(listStatements(model, filter, args), fromReplay(model));
          const got = shape(liveStatementPage(store.db, filter, args)!, fromFile);
          expect({ filter, args, got }).toEqual({ filter, args, got: expected });
          if (got.totalCount > 0) nonEmpty++;
          after = got.pageInfo.hasNextPage ? (got.pageInfo.endCursor ?? undefined) : undefined;
          pages++;
        } while (after !== undefined);
      }
    }
    expect(nonEmpty).toBeGreaterThan(40);
    expect(pages).toBeGreaterThan(150);
    store.close();
  });

  it('the histories correct what a list walks by and merge incidents named by statements', () => {
    let moved = 0;
    let merged = 0;
    for (const seed of SEEDS) {
      const model = buildModel(withRevisions(randomHistory(seed, 200).events));
      moved += [...model.statements.values()].filter((s) =>
        s.corrections.some((c) =>
          ['deliveredOn', 'kind', 'venue', 'speakers', 'incidentIds'].some((k) => k in c.changes),
        ),
      ).length;
      merged += [...model.statements.values()].filter((s) =>
        s.incidentIds.some((id) => model.incidents.get(id)?.mergedInto),
      ).length;
    }
    expect(moved).toBeGreaterThan(5);
    expect(merged).toBeGreaterThan(0);
  });

  it('answers null for a list by neither State nor incident; an empty file lists nothing', () => {
    const store = ReadStore.openFile(':memory:');
    expect(liveStatementPage(store.db, { kind: 'CONDEMNATION' })).toBeNull();
    expect(liveStatementPage(store.db, { stateCode: 'GBR' })?.totalCount).toBe(0);
    expect(() => liveStatementPage(store.db, { stateCode: 'GBR' }, { after: 'nope' })).toThrow(/cursor/);
    store.close();
  });
});
