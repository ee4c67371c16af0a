import { DEFAULT_POLICY } from '@app/domain';
import { buildModel, buildModelAsOf, findIncident, type IncidentView } from '@app/projections';
import { dayOf, randomHistory } from '../../projections/src/testing/random-history';
import type { ReadCut } from './cut';
import { incidentAt, incidentsAt } from './incidents-at';
import { ReadStore } from './read-store';
import { memorySource } from './testing/memory-source';

/**
 * The oracle for every incident at once: for random histories, the canonical incidents `incidentsAt` reads from
 * the tables in one pass, at the cuts oracle.spec.ts uses on both clocks and live, equal the reference replay's
 * list (merged duplicates left out, withdrawn incidents kept), field by field, and each equals what
 * `assessAsOf` gives for that incident alone.
 */
const SEEDS = Array.from({ length: 12 }, (_, i) => 301 + i);

function cutsOf(recordedAt: Date[]): ReadCut[] {
  const first = recordedAt[0].getTime();
  const last = recordedAt[recordedAt.length - 1].getTime();
  const recorded = [0.25, 0.5, 0.8, 1].map((f) => ({
    clock: 'RECORDED' as const,
    at: new Date(first + (last - first) * f),
  }));
  const known = [300, 700, 1100, 1500].map((n) => ({ clock: 'KNOWN' as const, at: new Date(`${dayOf(n)}T12:00:00Z`) }));
  return [...recorded, ...known, 'LIVE'];
}

const shown = (i: IncidentView) => ({
  incidentId: i.incidentId,
  details: i.details,
  reportedOn: i.reportedOn,
  recordedAt: i.recordedAt,
  mergedDuplicates: i.mergedDuplicates,
  withdrawal: i.withdrawal,
  assessment: i.assessment,
  statusHistory: i.statusHistory,
});

describe('every incident as of a cut in one pass (incidentsAt) against the reference fold', () => {
  it.each(SEEDS)('history %i: both clocks at several cuts, and live', async (seed) => {
    const log = randomHistory(seed, 160);
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(log.events, 7));
    let withdrawn = 0;
    let merged = 0;
    for (const cut of cutsOf(log.events.map((e) => e.recordedAt))) {
      const model = cut === 'LIVE' ? buildModel(log.events) : buildModelAsOf(log.events, cut);
      const expected = [...model.incidents.values()]
        .filter((i) => !i.mergedInto)
        .map(shown)
        .sort((a, b) => a.incidentId.localeCompare(b.incidentId));
      const got = incidentsAt(store.db, cut, DEFAULT_POLICY);
      const where = cut === 'LIVE' ? 'LIVE' : `${cut.clock} ${cut.at.toISOString()}`;
      expect({ where, incidents: [...got].sort((a, b) => a.incidentId.localeCompare(b.incidentId)) }).toEqual({
        where,
        incidents: expected,
      });
      for (const incident of got) {
        expect({ where, one: store.assessAsOf(incident.incidentId, cut) }).toEqual({
          where,
          one: {
            incidentId: incident.incidentId,
            assessment: incident.assessment,
            statusHistory: incident.statusHistory,
          },
        });
      }
      withdrawn += got.filter((i) => i.withdrawal !== null).length;
      merged += got.filter((i) => i.mergedDuplicates.length > 0).length;
    }
    // The histories exercise what the list must get right beyond the policy.
    expect(withdrawn + merged).toBeGreaterThan(0);
    store.close();
  });

  it.each(SEEDS.slice(0, 6))(
    'history %i: one incident by any id it had (incidentAt) equals the replay',
    async (seed) => {
      const log = randomHistory(seed, 160);
      const store = ReadStore.openFile(':memory:');
      await store.catchUp(memorySource(log.events, 7));
      const ids = log.events.filter((e) => e.type === 'UseAlleged').map((e) => e.data.incidentId as string);
      let resolved = 0;
      for (const cut of cutsOf(log.events.map((e) => e.recordedAt))) {
        const model = cut === 'LIVE' ? buildModel(log.events) : buildModelAsOf(log.events, cut);
        const where = cut === 'LIVE' ? 'LIVE' : `${cut.clock} ${cut.at.toISOString()}`;
        for (const id of ids) {
          const expected = findIncident(model, id);
          const got = incidentAt(store.db, cut, id, DEFAULT_POLICY);
          expect({ where, id, got }).toEqual({ where, id, got: expected ? shown(expected) : null });
          if (expected && expected.incidentId !== id) resolved++;
        }
      }
      expect(resolved).toBeGreaterThan(0); // a merged duplicate's id resolves to its canonical incident
      store.close();
    },
  );

  it('the histories withdraw and merge incidents (the list keeps the withdrawn, drops the merged)', async () => {
    let withdrawn = 0;
    let merged = 0;
    for (const seed of SEEDS) {
      const log = randomHistory(seed, 160);
      const store = ReadStore.openFile(':memory:');
      await store.catchUp(memorySource(log.events, 7));
      const got = incidentsAt(store.db, 'LIVE', DEFAULT_POLICY);
      withdrawn += got.filter((i) => i.withdrawal !== null).length;
      merged += got.reduce((n, i) => n + i.mergedDuplicates.length, 0);
      const ids = new Set(got.map((i) => i.incidentId));
      for (const i of got) for (const d of i.mergedDuplicates) expect(ids.has(d)).toBe(false);
      store.close();
    }
    expect(withdrawn).toBeGreaterThan(3);
    expect(merged).toBeGreaterThan(3);
  });
});
