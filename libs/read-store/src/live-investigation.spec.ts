import { buildModel, findIncident, investigationsOf, resolveIncidentId, type RegistryModel } from '@app/projections';
import { randomHistory } from '../../projections/src/testing/random-history';
import { liveIncidentInvestigations, liveInvestigation } from './live-investigation';
import { ReadStore } from './read-store';
import { withRevisions } from './testing/cuts';
import { memorySource } from './testing/memory-source';

/**
 * The oracle for one investigation asked about now: for random histories (investigations opened over several
 * incidents, concluded, their incidents merged), every investigation read from the live rows equals the live
 * replay's, field by field: its revision, investigator (and its source's name), incidents resolved in the order
 * logged, outcome, findings and dates; and every incident's investigations, in the order the model lists them.
 */
const SEEDS = Array.from({ length: 8 }, (_, i) => 901 + i);

/** What the replay shows of an investigation, as `liveInvestigation` gives it. */
function shownByModel(model: RegistryModel, id: string) {
  const view = model.investigations.get(id);
  if (!view) return null;
  const { conclusionRecordedAt: _c, eventIds: _e, incidentIds, ...rest } = view;
  const sourceId = view.investigator.sourceId;
  return {
    ...rest,
    sourceName: (sourceId && model.sources.get(sourceId)?.name) ?? null,
    incidentIds: [...new Set(incidentIds.map((i) => resolveIncidentId(model, i)))],
  };
}

describe('one investigation now from the live rows (liveInvestigation) against the live replay', () => {
  it.each(SEEDS)("history %i: every investigation, and every incident's", async (seed) => {
    const events = withRevisions(randomHistory(seed, 200).events);
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 7));
    const model = buildModel(events);
    for (const id of [...model.investigations.keys(), 'no-such-investigation']) {
      expect({ id, got: liveInvestigation(store.db, id) }).toEqual({ id, got: shownByModel(model, id) });
    }
    // Each incident's (by any id it had), in the order the model lists them.
    for (const id of [...model.incidents.keys(), 'no-such-incident']) {
      const view = findIncident(model, id);
      const expected = view ? investigationsOf(model, view).map((i) => shownByModel(model, i.investigationId)) : null;
      expect({ id, got: liveIncidentInvestigations(store.db, id) }).toEqual({ id, got: expected });
    }
    store.close();
  });

  it('the histories conclude investigations over several and merged incidents (the oracle is not vacuous)', () => {
    let concluded = 0;
    let several = 0;
    let merged = 0;
    for (const seed of SEEDS) {
      const model = buildModel(withRevisions(randomHistory(seed, 200).events));
      for (const view of model.investigations.values()) {
        concluded += view.concludedOn === null ? 0 : 1;
        several += view.incidentIds.length > 1 ? 1 : 0;
        merged += view.incidentIds.some((i) => resolveIncidentId(model, i) !== i) ? 1 : 0;
      }
    }
    expect([concluded > 0, several > 0, merged > 0]).toEqual([true, true, true]);
  });
});
