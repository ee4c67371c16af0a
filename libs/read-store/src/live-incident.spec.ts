import { DEFAULT_POLICY } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import { buildModel, findIncident, type RegistryModel } from '@app/projections';
import { randomHistory } from '../../projections/src/testing/random-history';
import { ALL_CORROBORATION_FIELDS, type LiveCorroboration, liveIncident } from './live-incident';
import { ReadStore } from './read-store';
import { withRevisions } from './testing/cuts';
import { memorySource } from './testing/memory-source';
import { corroborationsShown } from './testing/shown';

/**
 * The oracle for one incident asked about now (`liveIncident`): for random histories (merges, withdrawals,
 * retractions, regrades, corrections; stream revisions as a store gives them), every id the registry knows, a
 * merged duplicate's included, reads from the live rows what the in-memory model shows of it, field by field
 * (its revision and corrections too), corroborations (with their sources) in the model's order.
 */
const SEEDS = Array.from({ length: 10 }, (_, i) => 501 + i);

async function storeOf(events: StoredEvent[]) {
  const store = ReadStore.openFile(':memory:');
  await store.catchUp(memorySource(events, 7));
  return store;
}

/** What the model shows of the incident `id` resolves to, as `liveIncident` reads it (JSON: undefined is null). */
function shownByModel(model: RegistryModel, id: string) {
  const view = findIncident(model, id);
  if (!view) return null;
  const corroborations = corroborationsShown(model, view);
  const { incidentId, details, reportedOn, recordedAt, mergedDuplicates, withdrawal, assessment, statusHistory } = view;
  return json({
    incidentId,
    details,
    reportedOn,
    recordedAt,
    mergedDuplicates,
    withdrawal,
    assessment,
    statusHistory,
    corroborations,
    revision: view.revision,
    corrections: view.corrections.map((c) => ({
      fields: Object.keys(c.changes),
      reason: c.reason,
      correctedOn: c.correctedOn,
    })),
  });
}

const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null));

type Seen = { merged: number; retracted: number; corrected: number };

function expectTheModel(store: ReadStore, model: RegistryModel): Seen {
  let merged = 0;
  let retracted = 0;
  let corrected = 0;
  for (const id of model.incidents.keys()) {
    const got = liveIncident(store.db, id, DEFAULT_POLICY, ALL_CORROBORATION_FIELDS);
    expect({ id, got: json(got) }).toEqual({ id, got: shownByModel(model, id) });
    if (got && got.incidentId !== id) merged++;
    retracted += got?.corroborations?.filter((c) => c.retractedOn !== null).length ?? 0;
    corrected += got && got.corrections.length > 0 ? 1 : 0;
    // Each part read only when asked: the same but for the parts not asked (null).
    for (const words of [true, false]) {
      for (const retraction of [true, false]) {
        for (const grade of [true, false]) {
          const fields = { words, retraction, grade };
          const notAsked = (c: LiveCorroboration) => ({
            ...c,
            ...(!words && { citation: null, summary: null, retractionReason: null }),
            ...(!retraction && { retractedOn: null, retractionReason: null }),
            source: { ...c.source, grade: grade ? c.source.grade : null },
          });
          const expected = got && { ...got, corroborations: got.corroborations!.map(notAsked) };
          expect({ id, fields, got: json(liveIncident(store.db, id, DEFAULT_POLICY, fields)) }).toEqual({
            id,
            fields,
            got: json(expected),
          });
        }
      }
    }
    const bare = liveIncident(store.db, id, DEFAULT_POLICY, null);
    expect(json(bare)).toEqual(json(got && { ...got, corroborations: null }));
  }
  return { merged, retracted, corrected };
}

describe('one incident asked about now, read from the live rows (liveIncident), against the in-memory model', () => {
  it.each(SEEDS)('history %i: every id, merged duplicates resolved, with corroborations', async (seed) => {
    const events = withRevisions(randomHistory(seed, 160).events);
    const store = await storeOf(events);
    const seen = expectTheModel(store, buildModel(events));
    expect(seen.merged + seen.retracted).toBeGreaterThan(0);
    store.close();
  });

  it('the histories exercised merges, retractions and corrections (the oracle is not vacuous)', async () => {
    let merged = 0;
    let retracted = 0;
    let corrected = 0;
    for (const seed of SEEDS.slice(0, 4)) {
      const events = withRevisions(randomHistory(seed, 160).events);
      const store = await storeOf(events);
      const seen = expectTheModel(store, buildModel(events));
      merged += seen.merged;
      retracted += seen.retracted;
      corrected += seen.corrected;
      store.close();
    }
    expect(merged).toBeGreaterThan(0);
    expect(retracted).toBeGreaterThan(0);
    expect(corrected).toBeGreaterThan(0);
  });

  it('an incident still due to be assessed is assessed on its rows, with the same answer', async () => {
    const events = withRevisions(randomHistory(SEEDS[0], 160).events);
    const store = await storeOf(events);
    // Stored assessments made wrong on purpose: only the policy run on the rows can answer right.
    store.db.exec("UPDATE assessments SET assessment = json_set(assessment, '$.rule', 'stale')");
    store.db.exec('INSERT INTO dirty_incidents SELECT incident_id, 0 FROM assessments');
    expectTheModel(store, buildModel(events));
    store.close();
  });

  it('an id the registry does not know is null', async () => {
    const store = await storeOf(randomHistory(SEEDS[0], 40).events);
    expect(liveIncident(store.db, 'no-such-incident', DEFAULT_POLICY, ALL_CORROBORATION_FIELDS)).toBeNull();
    store.close();
  });
});
