import { DEFAULT_POLICY, type RegistryEvent } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import { buildModelAsOf, type Cut, type IncidentView } from '@app/projections';
import { EventLog } from '../../projections/src/testing/event-log.fixtures';
import { dayOf, randomHistory } from '../../projections/src/testing/random-history';
import { incidentAt, incidentsAt } from './incidents-at';
import { ReadStore } from './read-store';
import { whereOf } from './testing/cuts';
import { memorySource } from './testing/memory-source';
import { shownOf } from './testing/shown';

/**
 * The stored live assessment is taken with no evidence read only when every row its reading touched lies within
 * the cut (bounds.ts). Each trap below adds one fact after a cut to a history whose incident was taken from store
 * there: a regrade of its source, a merge of its source into another, a retraction of its corroboration, a duplicate
 * merged into it (each dated and recorded after the cut), and a correction recorded after the cut but dated before
 * it. Each time the list at the cut equals the reference replay, and the incident is taken from store only where the
 * new fact is within the cut.
 */
const SEED = 401;
// Evidence dates in these histories fall on days 0 to 1459: a cut on the last one holds most incidents whole.
const KNOWN_DAY = 1460;
const AS_STORED = ['as stored'];

/** The fact to add about `target` (dated by `day`), `taken` the incidents taken from store at the cut before. */
type Trap = (store: ReadStore, target: string, day: (after: boolean) => string, taken: string[]) => RegistryEvent;

const shown = (i: IncidentView) => shownOf(i);

const byId = <T extends { incidentId: string }>(list: T[]) =>
  [...list].sort((a, b) => a.incidentId.localeCompare(b.incidentId));

/** The ids `incidentsAt` takes from store at the cut: every stored assessment marked. */
function takenAt(store: ReadStore, cut: Cut): Set<string> {
  store.db
    .prepare("UPDATE assessments SET assessment = json_set(assessment, '$.reasons', json(?))")
    .run(JSON.stringify(AS_STORED));
  const taken = incidentsAt(store.db, cut, DEFAULT_POLICY).filter((i) => i.assessment.reasons.join() === 'as stored');
  return new Set(taken.map((i) => i.incidentId));
}

/** A store folded from `events`, live assessments as the fold leaves them. */
async function folded(events: StoredEvent[]): Promise<ReadStore> {
  const store = ReadStore.openFile(':memory:');
  await store.catchUp(memorySource(events, 7));
  return store;
}

const live = (store: ReadStore, sql: string, id: string) => store.db.prepare(sql).pluck().all(id) as string[];
const CITED = 'SELECT source_id FROM corroborations WHERE incident_id = ?';
const STANDING = 'SELECT corroboration_id FROM corroborations WHERE incident_id = ? AND superseded_at IS NULL';
const GRADE = 'SELECT grade FROM source_grades WHERE source_id = ? ORDER BY seq DESC';

const TRAPS: Record<string, { trap: Trap; within: boolean; when: (store: ReadStore, id: string) => boolean }> = {
  'its source regraded after the cut': {
    within: false,
    when: (store, id) => live(store, CITED, id).length > 0,
    trap: (store, id, day) => {
      const [sourceId] = live(store, CITED, id);
      const [previousGrade] = live(store, GRADE, sourceId);
      const data = { sourceId, grade: previousGrade === 'A' ? 'F' : 'A', previousGrade, reason: 'trap' };
      return { type: 'SourceRegraded', data: { ...data, regradedOn: day(true) } } as RegistryEvent;
    },
  },
  'its source merged into another after the cut': {
    within: false,
    when: (store, id) => live(store, CITED, id).length > 0,
    trap: (store, id, day) => {
      const [sourceId] = live(store, CITED, id);
      const [canonicalSourceId] = live(
        store,
        'SELECT source_id FROM sources WHERE source_id <> ? ORDER BY 1',
        sourceId,
      );
      return { type: 'SourcesMerged', data: { sourceId, canonicalSourceId, reason: 'trap', mergedOn: day(true) } };
    },
  },
  'its corroboration retracted after the cut': {
    within: false,
    when: (store, id) => live(store, STANDING, id).length > 0,
    trap: (store, incidentId, day) => {
      const [corroborationId] = live(store, STANDING, incidentId);
      const data = { incidentId, corroborationId, reason: 'trap', retractedOn: day(true) };
      return { type: 'CorroborationRetracted', data };
    },
  },
  'a duplicate merged into it after the cut': {
    within: false,
    when: () => true,
    // An incident of the cut too, taken from store there before (its own assessment goes with the merge).
    trap: (_store, canonicalIncidentId, day, taken) => {
      const duplicate = taken.find((id) => id !== canonicalIncidentId)!;
      const data = { incidentId: duplicate, canonicalIncidentId, reason: 'trap', mergedOn: day(true) };
      return { type: 'IncidentMergedInto', data };
    },
  },
  'a correction recorded after the cut but dated before it': {
    within: true,
    when: () => true,
    trap: (_store, incidentId, day) => {
      // A user who never speaks in these histories: no statement becomes one to read (that would move the bounds).
      const changes = { summary: 'corrected', allegedUser: { kind: 'STATE' as const, stateCodes: ['ISR'] } };
      return { type: 'IncidentCorrected', data: { incidentId, changes, reason: 'trap', correctedOn: day(false) } };
    },
  },
};

describe('a stored assessment is taken only when every row its reading touched lies within the cut', () => {
  const base = randomHistory(SEED, 160).events;
  const end = base[base.length - 1].recordedAt.getTime();
  const cuts: Cut[] = [
    { clock: 'KNOWN', at: new Date(`${dayOf(KNOWN_DAY)}T12:00:00Z`) },
    { clock: 'RECORDED', at: new Date(end) },
  ];

  describe.each(Object.entries(TRAPS))('%s', (_name, { trap, within, when }) => {
    it.each(cuts)('on the $clock clock', async (cut) => {
      const store = await folded(base);
      const before = [...takenAt(store, cut)].sort();
      const target = before.find((id) => when(store, id));
      expect(target).toBeDefined();
      // The fact, recorded after every other (after the RECORDED cut), dated after or before the KNOWN cut's day.
      const event = trap(store, target!, (after) => dayOf(after ? KNOWN_DAY + 100 : KNOWN_DAY - 200), before);
      store.close();
      const log = new EventLog();
      log.events.push(...base);
      log.add(event, { recordedAt: new Date(end + 86_400_000).toISOString() });
      const after = await folded(log.events);

      const where = whereOf(cut);
      const expected = byId([...buildModelAsOf(log.events, cut).incidents.values()].filter((i) => !i.mergedInto));
      expect({ where, got: byId(incidentsAt(after.db, cut, DEFAULT_POLICY)) }).toEqual({
        where,
        got: expected.map(shown),
      });
      const one = expected.find((i) => i.incidentId === target)!;
      expect({ where, one: incidentAt(after.db, cut, target!, DEFAULT_POLICY) }).toEqual({ where, one: shown(one) });
      // On the KNOWN clock a correction dated before the cut is in force at it: the cut reads the live rows.
      const taken = takenAt(after, cut).has(target!);
      expect({ where, taken }).toEqual({ where, taken: within && cut.clock === 'KNOWN' });
      after.close();
    });
  });
});
