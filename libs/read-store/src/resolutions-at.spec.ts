import { buildModel, buildModelAsOf, type ResolutionView } from '@app/projections';
import { randomHistory } from '../../projections/src/testing/random-history';
import { ReadStore } from './read-store';
import { resolutionsAt } from './resolutions-at';
import { cutsOf, whereOf, withRevisions } from './testing/cuts';
import { memorySource } from './testing/memory-source';

/**
 * The oracle for resolutions: for random histories (votes listed in no particular order, incidents named in the
 * order given), at the past cuts on both clocks and live, the resolutions read from the tables equal the
 * reference replay's `model.resolutions`, in its order, field by field; one asked by id equals its entry.
 */
const SEEDS = Array.from({ length: 8 }, (_, i) => 801 + i);

const fromReplay = ({ eventId: _id, ...r }: ResolutionView) => r;

describe('resolutions as of a cut from the tables (resolutionsAt) against the reference replay', () => {
  it.each(SEEDS)('history %i: both clocks at several cuts, and live', async (seed) => {
    const events = withRevisions(randomHistory(seed, 200).events);
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 7));
    let seen = 0;
    for (const cut of cutsOf(events.map((e) => e.recordedAt))) {
      const model = cut === 'LIVE' ? buildModel(events) : buildModelAsOf(events, cut);
      const want = [...model.resolutions.values()].map(fromReplay);
      expect({ where: whereOf(cut), got: resolutionsAt(store.db, cut) }).toEqual({ where: whereOf(cut), got: want });
      for (const r of want) expect(resolutionsAt(store.db, cut, r.resolutionId)).toEqual([r]);
      seen += want.length;
    }
    expect(seen).toBeGreaterThan(0);
    expect(resolutionsAt(store.db, 'LIVE', 'no-such-resolution')).toEqual([]);
    store.close();
  });

  it('the histories hold resolutions whose votes are not in State order, and some naming two incidents', () => {
    let unordered = 0;
    let named = 0;
    for (const seed of SEEDS) {
      const model = buildModel(withRevisions(randomHistory(seed, 200).events));
      for (const r of model.resolutions.values()) {
        const codes = r.votes.map((v) => v.stateCode);
        if (codes.join() !== [...codes].sort().join()) unordered++;
        if (r.incidentIds.length > 1) named++;
      }
    }
    expect(unordered).toBeGreaterThan(3);
    expect(named).toBeGreaterThan(0);
  });
});
