import { buildModel, buildModelAsOf, modelTimeline } from '@app/projections';
import { ccmStates } from '../../projections/src/testing/event-log.fixtures';
import { randomHistory } from '../../projections/src/testing/random-history';
import { ReadStore } from './read-store';
import { cutsOf, whereOf, withRevisions } from './testing/cuts';
import { memorySource } from './testing/memory-source';
import { fromFile, fromReplay } from './testing/statement-pages';
import { stateTimelineAt } from './timeline-at';

/**
 * The oracle for State timelines as of a cut: for random histories (statements recorded and corrected, naming
 * incidents that are corroborated, investigated, merged, withdrawn and regraded), at the past cuts on both
 * clocks and live, every speaker's timeline read from the tables equals `stateTimeline` over the reference replay
 * (`buildModelAsOf`): the same statements in the same order, each referred incident's status, readiness and rule
 * on the day the State spoke, and the State's CCM status then.
 */
const SEEDS = Array.from({ length: 8 }, (_, i) => 501 + i);
const states = ccmStates();

describe('State timelines as of a cut from the tables (stateTimelineAt) against the reference replay', () => {
  it.each(SEEDS)('history %i: every speaker, both clocks at several cuts, and live', async (seed) => {
    const events = withRevisions(randomHistory(seed, 200).events);
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 7));
    const speakers = new Set(
      events.flatMap((e) => (e.type === 'StatementRecorded' ? (e.data as { speakers: string[] }).speakers : [])),
    );
    let statuses = 0;
    const seen = new Set<string>();
    for (const cut of cutsOf(events.map((e) => e.recordedAt))) {
      const model = cut === 'LIVE' ? buildModel(events) : buildModelAsOf(events, cut);
      for (const code of [...speakers, 'ISL']) {
        const replayed = modelTimeline(model, states, code);
        const expected = {
          ...replayed,
          entries: replayed.entries.map((e) => ({
            ...e,
            statement: fromReplay(model)({ ...e.statement, speaker: code }),
          })),
        };
        const filed = stateTimelineAt(store.db, cut, states, code, store.policy);
        const got = { ...filed, entries: filed.entries.map((e) => ({ ...e, statement: fromFile(e.statement) })) };
        expect({ where: whereOf(cut), code, got }).toEqual({ where: whereOf(cut), code, got: expected });
        for (const entry of got.entries) {
          for (const i of entry.incidents) {
            if (i.status !== null) statuses++;
            seen.add(`${i.status}|${i.canonicalIncidentId === i.incidentId}`);
          }
        }
      }
    }
    expect(statuses).toBeGreaterThan(20);
    expect(seen.size).toBeGreaterThan(3); // several statuses, and merged duplicates resolved
    store.close();
  });
});
