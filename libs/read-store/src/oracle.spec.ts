import { buildEvidence, buildModel, buildModelAsOf, findIncident } from '@app/projections';
import { allege, corroboration, EventLog, source } from '../../projections/src/testing/event-log.fixtures';
import { randomHistory } from '../../projections/src/testing/random-history';
import { readerFor } from './assessments';
import { ReadStore } from './read-store';
import { pastCutsOf } from './testing/cuts';
import { memorySource } from './testing/memory-source';

/**
 * The oracle: for random histories (corrections, merges, withdrawals, retractions, regrades, conclusions,
 * statements), one incident's evidence, assessment and status history read from the tables as of a cut equal
 * what a replay of the events up to that cut gives (buildModelAsOf, the reference fold), on both clocks.
 */
const SEEDS = Array.from({ length: 12 }, (_, i) => 101 + i);

describe('the read store against the reference fold (oracle)', () => {
  it.each(SEEDS)('history %i: every incident on both clocks at several cuts', async (seed) => {
    const log = randomHistory(seed, 160);
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(log.events, 7));
    const incidentIds = log.events.filter((e) => e.type === 'UseAlleged').map((e) => e.data.incidentId as string);
    let compared = 0;
    for (const cut of pastCutsOf(log.events.map((e) => e.recordedAt))) {
      const model = buildModelAsOf(log.events, cut);
      for (const id of incidentIds) {
        const expected = findIncident(model, id);
        const got = store.assessAsOf(id, cut);
        const where = `${cut.clock} ${cut.at.toISOString()} ${id}`;
        if (expected === undefined) {
          expect({ where, got }).toEqual({ where, got: null });
          continue;
        }
        expect({ where, id: got?.incidentId }).toEqual({ where, id: expected.incidentId });
        expect({ where, evidence: readerFor(store.db, cut).load(id) }).toEqual({
          where,
          evidence: buildEvidence(model, expected),
        });
        expect({ where, assessment: got?.assessment, history: got?.statusHistory }).toEqual({
          where,
          assessment: expected.assessment,
          history: expected.statusHistory,
        });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(40);
    store.close();
  });

  it.each(SEEDS.slice(0, 4))(
    'history %i: the stored live assessments and status histories equal the fold',
    async (seed) => {
      const log = randomHistory(seed, 160);
      const store = ReadStore.openFile(':memory:');
      await store.catchUp(memorySource(log.events, 5));
      const model = buildModel(log.events);
      const rows = store.db.prepare('SELECT incident_id, assessment FROM assessments ORDER BY incident_id').all() as {
        incident_id: string;
        assessment: string;
      }[];
      const live = [...model.incidents.values()].filter((i) => i.mergedInto === null);
      expect(rows.map((r) => r.incident_id)).toEqual(live.map((i) => i.incidentId).sort());
      for (const row of rows) {
        const incident = model.incidents.get(row.incident_id)!;
        expect(JSON.parse(row.assessment)).toEqual(JSON.parse(JSON.stringify(incident.assessment)));
        const history = store.db
          .prepare(
            'SELECT status, readiness, on_date AS "on", rule, evidence_ids FROM status_history ' +
              'WHERE incident_id = ? ORDER BY n',
          )
          .all(row.incident_id) as {
          status: string;
          readiness: string;
          on: string;
          rule: string;
          evidence_ids: string;
        }[];
        expect(history.map(({ evidence_ids, ...h }) => ({ ...h, evidenceIds: JSON.parse(evidence_ids) }))).toEqual(
          incident.statusHistory,
        );
      }
      expect(store.db.prepare('SELECT count(*) FROM dirty_incidents').pluck().get()).toBe(0);
      store.close();
    },
  );

  it('reads the first source of an allegation from its publication, not the allegation date (KNOWN)', async () => {
    const log = new EventLog();
    log.add(source('ai', 'Amnesty International', 'B'), { recordedAt: '2017-01-01T12:00:00Z' });
    log.add(allege('inc-1', '2016-01-10', corroboration('c1', 'ai', '2016-01-20')), {
      recordedAt: '2017-01-02T12:00:00Z',
    });
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(log.events));
    const sourcesOn = (day: string) =>
      readerFor(store.db, { clock: 'KNOWN', at: new Date(`${day}T12:00:00Z`) })
        .load('inc-1')
        ?.corroborations.map((c) => c.corroborationId);
    expect([sourcesOn('2016-01-09'), sourcesOn('2016-01-15'), sourcesOn('2016-01-20')]).toEqual([
      undefined,
      [],
      ['c1'],
    ]);
    store.close();
  });
});
