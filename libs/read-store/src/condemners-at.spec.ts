import { buildModel, buildModelAsOf, condemnersByIncident } from '@app/projections';
import { randomHistory } from '../../projections/src/testing/random-history';
import { condemnersAt } from './condemners-at';
import { incidentsShownAt } from './incidents-at';
import { ReadStore } from './read-store';
import { FileStatementRows } from './statement-rows';
import { cutsOf, whereOf, withRevisions } from './testing/cuts';
import { memorySource } from './testing/memory-source';

/**
 * The oracle for who condemned each incident as of a cut: for random histories (condemnations and other
 * statements naming incidents, situations, alleged users or any use, corrected in kind, date, speakers, incidents
 * and scope; resolutions with their votes; merged and corrected incidents), at the past cuts on both clocks and
 * live, on the cut's day and on an earlier one, with and without generic condemnations, the States read from the
 * tables equal `condemnersByIncident` over the reference replay.
 */
const SEEDS = Array.from({ length: 8 }, (_, i) => 701 + i);

const plain = (m: Map<string, Set<string>>) =>
  Object.fromEntries([...m].filter(([, codes]) => codes.size > 0).map(([id, codes]) => [id, [...codes].sort()]));

describe('who condemned each incident as of a cut (condemnersAt) against the reference replay', () => {
  it.each(SEEDS)('history %i: both clocks at several cuts, and live', async (seed) => {
    const events = withRevisions(randomHistory(seed, 200).events);
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 7));
    const rows = FileStatementRows.load(store.db);
    let condemned = 0;
    for (const cut of cutsOf(events.map((e) => e.recordedAt))) {
      const model = cut === 'LIVE' ? buildModel(events) : buildModelAsOf(events, cut);
      const day = cut === 'LIVE' ? '2030-01-01' : cut.at.toISOString().slice(0, 10);
      const incidents = incidentsShownAt(store.db, cut);
      for (const on of [day, '2016-06-30']) {
        for (const countGeneric of [false, true]) {
          const expected = plain(condemnersByIncident(model, on, countGeneric));
          const got = plain(condemnersAt(store.db, cut, rows, incidents, on, countGeneric));
          expect({ where: whereOf(cut), on, countGeneric, got }).toEqual({
            where: whereOf(cut),
            on,
            countGeneric,
            got: expected,
          });
          condemned += Object.keys(got).length;
        }
      }
    }
    expect(condemned).toBeGreaterThan(20);
    store.close();
  });
});
