import { buildModel, buildModelAsOf, type SourceView } from '@app/projections';
import { randomHistory } from '../../projections/src/testing/random-history';
import { ReadStore } from './read-store';
import { sourcesAt } from './sources-at';
import { cutsOf, whereOf, withRevisions } from './testing/cuts';
import { memorySource } from './testing/memory-source';

/**
 * The oracle for sources as of a cut: for random histories (regrades and merges dated and recorded in either
 * order), at the cuts incidents-at.spec.ts reads on both clocks and live, the sources read from the tables equal
 * the reference replay's `model.sources`, in its order, field by field (grades, merges, aliases, revision).
 */
const SEEDS = Array.from({ length: 12 }, (_, i) => 501 + i);

const fromReplay = ({ grades, ...s }: SourceView) => ({
  ...s,
  grades: grades.map(({ eventId: _id, ...g }) => g),
});

describe('sources as of a cut from the tables (sourcesAt) against the reference replay', () => {
  it.each(SEEDS)('history %i: both clocks at several cuts, and live', async (seed) => {
    const events = withRevisions(randomHistory(seed, 160).events);
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 7));
    let merged = 0;
    let regraded = 0;
    for (const cut of cutsOf(events.map((e) => e.recordedAt))) {
      const model = cut === 'LIVE' ? buildModel(events) : buildModelAsOf(events, cut);
      const got = sourcesAt(store.db, cut);
      expect({ where: whereOf(cut), got }).toEqual({
        where: whereOf(cut),
        got: [...model.sources.values()].map(fromReplay),
      });
      merged += got.filter((s) => s.mergedInto !== null).length;
      regraded += got.filter((s) => s.grades.length > 1).length;
    }
    expect(merged + regraded).toBeGreaterThan(0);
    store.close();
  });

  it('the histories merge and regrade sources, and merges carry names over as aliases', async () => {
    let merged = 0;
    let regraded = 0;
    let aliases = 0;
    for (const seed of SEEDS) {
      const events = withRevisions(randomHistory(seed, 160).events);
      const store = ReadStore.openFile(':memory:');
      await store.catchUp(memorySource(events, 7));
      const got = sourcesAt(store.db, 'LIVE');
      merged += got.filter((s) => s.mergedInto !== null).length;
      regraded += got.filter((s) => s.grades.length > 1 && s.revision > 0).length;
      aliases += got.filter((s) => s.aliases.length > 0).length;
      store.close();
    }
    expect(merged).toBeGreaterThan(3);
    expect(regraded).toBeGreaterThan(3);
    expect(aliases).toBeGreaterThan(3);
  });
});
