import { buildModel, buildModelAsOf, type Cut, type RegistryModel } from '@app/projections';
import { randomHistory } from '../../projections/src/testing/random-history';
import { liveSituations, PLACED, situationIdsAt } from './live-situations';
import { ReadStore } from './read-store';
import { cutsOf, whereOf, withRevisions } from './testing/cuts';
import { memorySource } from './testing/memory-source';

/**
 * The oracle for situations asked about now: for random histories (situations registered and corrected, incidents
 * placed in them, corrected into another or out, merged and withdrawn), every situation read from the live rows
 * equals the live replay's, field by field and in the same order, with the canonical incidents in it as the
 * registry lists them (merged duplicates left out).
 */
const SEEDS = Array.from({ length: 8 }, (_, i) => 801 + i);

/** What the replay shows of each situation, as `liveSituations` gives it (JSON: undefined is left out). */
const shownByModel = (model: RegistryModel) =>
  [...model.situations.values()].map(({ eventId: _e, corrections, ...view }) => ({
    ...view,
    corrections: corrections.map(({ before: _b, eventId: _id, ...c }) => c),
    incidentIds: [...model.incidents.values()]
      .filter((i) => !i.mergedInto && i.details.situationId === view.situationId)
      .map((i) => i.incidentId)
      .sort(),
  }));

const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('situations now from the live rows (liveSituations) against the live replay', () => {
  it.each(SEEDS)('history %i: every situation, its corrections and incidents', async (seed) => {
    const events = withRevisions(randomHistory(seed, 200).events);
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 7));
    const model = buildModel(events);
    expect(json(liveSituations(store.db))).toEqual(json(shownByModel(model)));
    store.close();
  });

  it.each(SEEDS)(
    'history %i: the situations registered within each cut, on both clocks (situationIdsAt)',
    async (seed) => {
      const events = withRevisions(randomHistory(seed, 200).events);
      const store = ReadStore.openFile(':memory:');
      await store.catchUp(memorySource(events, 7));
      const counts = new Set<number>();
      const before: Cut[] = [
        { clock: 'RECORDED', at: new Date(events[0].recordedAt.getTime() - 1) },
        { clock: 'KNOWN', at: new Date('1990-01-01T00:00:00Z') },
      ];
      for (const cut of [...before, ...cutsOf(events.map((e) => e.recordedAt))]) {
        const model = cut === 'LIVE' ? buildModel(events) : buildModelAsOf(events, cut);
        const want = [...model.situations.keys()].sort();
        expect({ where: whereOf(cut), got: situationIdsAt(store.db, cut) }).toEqual({ where: whereOf(cut), got: want });
        counts.add(want.length);
      }
      // Before the first registration there are none: the cut is not vacuous.
      expect(counts.size).toBeGreaterThan(1);
      store.close();
    },
  );

  it('the histories correct situations and place incidents in them (the oracle is not vacuous)', () => {
    let corrected = 0;
    let placed = 0;
    for (const seed of SEEDS) {
      const model = buildModel(withRevisions(randomHistory(seed, 200).events));
      corrected += [...model.situations.values()].filter((s) => s.corrections.length > 0).length;
      placed += shownByModel(model).filter((s) => s.incidentIds.length > 0).length;
    }
    expect(corrected).toBeGreaterThan(0);
    expect(placed).toBeGreaterThan(0);
  });
});

describe('the incidents placed in situations (liveSituations)', () => {
  it('are read from their index, not from every incident version', () => {
    const store = ReadStore.openFile(':memory:');
    const plan = store.db
      .prepare(`EXPLAIN QUERY PLAN ${PLACED}`)
      .all()
      .map((row) => (row as { detail: string }).detail);
    expect(plan).toContainEqual(expect.stringMatching(/^SCAN v USING (COVERING )?INDEX incident_versions_situation/));
    store.close();
  });
});
