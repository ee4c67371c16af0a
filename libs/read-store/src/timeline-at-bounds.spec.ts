import type { RegistryEvent } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import { buildModelAsOf, type Cut, modelTimeline } from '@app/projections';
import { ccmStates, EventLog } from '../../projections/src/testing/event-log.fixtures';
import { dayOf, randomHistory } from '../../projections/src/testing/random-history';
import { ReadStore } from './read-store';
import { pastCutsOf, whereOf, withRevisions } from './testing/cuts';
import { memorySource } from './testing/memory-source';
import { fromFile, fromReplay } from './testing/statement-pages';
import { stateTimelineAt } from './timeline-at';

/**
 * A timeline as of a cut takes an incident's statuses from its stored live assessment (`status_on_dates`), with no
 * evidence read, only when every row that assessment's reading touched lies within the cut and the assessment is
 * current (bounds.ts). The stored statuses are marked (their rule replaced) so that a timeline shows which it took.
 */
const states = ccmStates();
const MARK = 'AS_STORED';
const SPEAKERS = ['GBR', 'FRA', 'DEU', 'IRL', 'NOR', 'BEN', 'USA', 'SAU', 'RUS', 'SYR'];

async function folded(events: StoredEvent[]): Promise<ReadStore> {
  const store = ReadStore.openFile(':memory:');
  await store.catchUp(memorySource(events, 7));
  return store;
}

/** Marks every stored status (a copy of the file's truth no more: only to see which a timeline took). */
const mark = (store: ReadStore) =>
  store.db
    .prepare(
      `UPDATE assessments SET status_on_dates =
         (SELECT json_group_array(json_set(value, '$.rule', '${MARK}')) FROM json_each(status_on_dates))`,
    )
    .run();

/** The canonical incidents whose statuses `code`'s timeline at the cut took from store. */
function takenBy(store: ReadStore, cut: Cut, code: string): Set<string> {
  const timeline = stateTimelineAt(store.db, cut, states, code, store.policy);
  const taken = timeline.entries.flatMap((e) => e.incidents.filter((i) => (i.rule as string) === MARK));
  return new Set(taken.map((i) => i.canonicalIncidentId!));
}

/** `code`'s timeline at the cut from the file and from the reference replay, in the shape both are compared in. */
function bothTimelines(store: ReadStore, events: StoredEvent[], cut: Cut, code: string) {
  const model = buildModelAsOf(events, cut);
  const replayed = modelTimeline(model, states, code);
  const expected = {
    ...replayed,
    entries: replayed.entries.map((e) => ({ ...e, statement: fromReplay(model)({ ...e.statement, speaker: code }) })),
  };
  const filed = stateTimelineAt(store.db, cut, states, code, store.policy);
  return {
    got: { ...filed, entries: filed.entries.map((e) => ({ ...e, statement: fromFile(e.statement) })) },
    expected,
  };
}

describe('a timeline as of a cut takes the stored statuses where the bounds hold', () => {
  it('takes them for many incidents on both clocks, and never for a due incident', async () => {
    const counted = { KNOWN: 0, RECORDED: 0 };
    for (const seed of [501, 502, 503, 504]) {
      const events = withRevisions(randomHistory(seed, 200).events);
      const store = await folded(events);
      mark(store);
      // One incident due again: its stored statuses are not taken at any cut.
      const due = store.db.prepare('SELECT incident_id FROM assessments ORDER BY incident_id').pluck().get() as string;
      store.db.prepare('INSERT INTO dirty_incidents VALUES (?, 0)').run(due);
      for (const cut of pastCutsOf(events.map((e) => e.recordedAt))) {
        for (const code of SPEAKERS) {
          const taken = takenBy(store, cut, code);
          expect({ where: whereOf(cut), code, due: taken.has(due) }).toEqual({ where: whereOf(cut), code, due: false });
          counted[cut.clock] += taken.size;
        }
      }
      store.close();
    }
    expect(counted.KNOWN).toBeGreaterThan(100);
    expect(counted.RECORDED).toBeGreaterThan(100);
  });

  // Evidence dates fall on days 0 to 1459: a cut on the last one holds most incidents whole.
  const KNOWN_DAY = 1460;
  const base = withRevisions(randomHistory(502, 200).events);
  const end = base[base.length - 1].recordedAt.getTime();
  const cuts: Cut[] = [
    { clock: 'KNOWN', at: new Date(`${dayOf(KNOWN_DAY)}T12:00:00Z`) },
    { clock: 'RECORDED', at: new Date(end) },
  ];
  const cited = (store: ReadStore, id: string) =>
    store.db
      .prepare('SELECT source_id FROM corroborations WHERE incident_id = ? ORDER BY 1')
      .pluck()
      .all(id) as string[];

  /** One fact about `target` added after the cut (recorded after every other), dated after or before its day. */
  const TRAPS: Record<string, { within: boolean; trap: (store: ReadStore, target: string) => RegistryEvent }> = {
    'a source it cites regraded after the cut': {
      within: false,
      trap: (store, target) => {
        const [sourceId] = cited(store, target);
        const data = { sourceId, grade: 'F', previousGrade: 'A', reason: 'trap', regradedOn: dayOf(KNOWN_DAY + 100) };
        return { type: 'SourceRegraded', data } as RegistryEvent;
      },
    },
    'a correction recorded after the cut but dated before it': {
      within: true,
      trap: (_store, incidentId) => ({
        type: 'IncidentCorrected',
        data: { incidentId, changes: { summary: 'corrected' }, reason: 'trap', correctedOn: dayOf(KNOWN_DAY - 200) },
      }),
    },
  };

  describe.each(Object.entries(TRAPS))('%s', (_name, { within, trap }) => {
    it.each(cuts)('on the $clock clock: equal to the replay, taken from store only within the cut', async (cut) => {
      const store = await folded(base);
      mark(store);
      const [code, target] = SPEAKERS.flatMap((c) =>
        [...takenBy(store, cut, c)].filter((id) => cited(store, id).length > 0).map((id) => [c, id]),
      )[0];
      expect(target).toBeDefined();
      const event = trap(store, target);
      store.close();
      const log = new EventLog();
      log.events.push(...base);
      log.add(event, { recordedAt: new Date(end + 86_400_000).toISOString() });
      const events = withRevisions(log.events);
      const after = await folded(events);
      const where = whereOf(cut);
      const { got, expected } = bothTimelines(after, events, cut, code);
      expect({ where, code, got }).toEqual({ where, code, got: expected });
      mark(after);
      expect({ where, taken: takenBy(after, cut, code).has(target) }).toEqual({
        where,
        taken: within && cut.clock === 'KNOWN',
      });
      after.close();
    });
  });
});
