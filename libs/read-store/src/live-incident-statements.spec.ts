import { buildModel, findIncident, statementsOf } from '@app/projections';
import { randomHistory } from '../../projections/src/testing/random-history';
import { liveIncidentStatements } from './live-incident-statements';
import { ReadStore } from './read-store';
import { withRevisions } from './testing/cuts';
import { memorySource } from './testing/memory-source';
import { fromFile, fromReplay } from './testing/statement-pages';

/**
 * The oracle for an incident's statements asked about now: for random histories (statements naming incidents,
 * corrected to name others, incidents merged), every incident by any id it had lists from the live rows the
 * statements the live replay lists, in its order (by delivery date, one day's in the order they were linked).
 */
const SEEDS = Array.from({ length: 8 }, (_, i) => 1001 + i);

describe("an incident's statements now from the live rows (liveIncidentStatements) against the live replay", () => {
  let ties = 0;

  it.each(SEEDS)('history %i: every incident, by any id it had', async (seed) => {
    const events = withRevisions(randomHistory(seed, 200).events);
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 7));
    const model = buildModel(events);
    for (const id of [...model.incidents.keys(), 'no-such-incident']) {
      const view = findIncident(model, id);
      const expected = view ? statementsOf(model, view).map((s) => fromReplay(model)({ ...s, speaker: null })) : null;
      const got = liveIncidentStatements(store.db, id);
      expect({ id, got: got && got.map(fromFile) }).toEqual({ id, got: expected });
      const days = (got ?? []).map((s) => s.deliveredOn);
      ties += days.length - new Set(days).size;
    }
    store.close();
  });

  it('lists had statements delivered the same day (their order is the order they were linked)', () => {
    expect(ties).toBeGreaterThan(0);
  });
});
