import { buildModel, buildModelAsOf, type Cut, type RegistryModel } from '@app/projections';
import type { Database } from 'better-sqlite3';
import { dayOf, randomHistory, SITUATIONS } from '../../projections/src/testing/random-history';
import { cutParams, fieldInForce, kindOf, within, type ReadCut } from './cut';
import { ReadStore } from './read-store';
import { memorySource } from './testing/memory-source';

/**
 * A list as of a cut is a WHERE clause over the fan-out rows: statements by a State, statements naming an
 * incident, statements about a situation, on both clocks, equal the reference replay's statements.
 */
const SPEAKERS = ['GBR', 'FRA', 'DEU', 'IRL', 'NOR', 'BEN', 'USA', 'SAU', 'RUS', 'SYR'];

function listed(db: Database, cut: ReadCut, table: string, path: string, where: string, value: string): string[] {
  const kind = kindOf(cut);
  const exists = `EXISTS (SELECT 1 FROM statement_versions v WHERE v.statement_id = r.statement_id
    AND v.reason IS NULL AND ${within(kind, 'v')})`;
  const sql = `SELECT DISTINCT r.statement_id FROM ${table} r WHERE ${where} = @value
    AND ${fieldInForce(kind, 'r', 'statement_versions', 'statement_id', path)} AND ${exists} ORDER BY 1`;
  return db
    .prepare(sql)
    .pluck()
    .all({ ...cutParams(cut), value }) as string[];
}

const expected = (
  model: RegistryModel,
  keep: (s: { speakers: string[]; incidentIds: string[]; scope?: { situationIds?: string[] } }) => boolean,
) =>
  [...model.statements.values()]
    .filter(keep)
    .map((s) => s.statementId)
    .sort();

describe('lists as of a cut are WHERE clauses (statements by State, by incident, by situation)', () => {
  it.each([201, 202, 203, 204])('history %i, both clocks and live', async (seed) => {
    const log = randomHistory(seed, 200);
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(log.events, 9));
    const times = log.events.map((e) => e.recordedAt.getTime());
    const cuts: (Cut | 'LIVE')[] = [
      ...[0.3, 0.6, 0.9].map((f) => ({
        clock: 'RECORDED' as const,
        at: new Date(times[0] + (times[times.length - 1] - times[0]) * f),
      })),
      ...[400, 900, 1400].map((n) => ({ clock: 'KNOWN' as const, at: new Date(`${dayOf(n)}T00:00:00Z`) })),
      'LIVE',
    ];
    const incidentIds = log.events.filter((e) => e.type === 'UseAlleged').map((e) => e.data.incidentId as string);
    let nonEmpty = 0;
    for (const cut of cuts) {
      const model = cut === 'LIVE' ? buildModel(log.events) : buildModelAsOf(log.events, cut);
      const where = cut === 'LIVE' ? cut : `${cut.clock} ${cut.at.toISOString()}`;
      for (const code of SPEAKERS) {
        const got = listed(store.db, cut, 'statement_speakers', '$.speakers', 'r.state_code', code);
        expect({ where, code, got }).toEqual({ where, code, got: expected(model, (s) => s.speakers.includes(code)) });
        if (got.length > 0) nonEmpty++;
      }
      for (const id of incidentIds) {
        const got = listed(store.db, cut, 'statement_targets', '$.incidentIds', "r.kind = 'INCIDENT' AND r.target", id);
        expect({ where, id, got }).toEqual({ where, id, got: expected(model, (s) => s.incidentIds.includes(id)) });
      }
      for (const id of SITUATIONS) {
        const got = listed(store.db, cut, 'statement_targets', '$.scope', "r.kind = 'SITUATION' AND r.target", id);
        const about = (s: { scope?: { situationIds?: string[] } }) => s.scope?.situationIds?.includes(id) === true;
        expect({ where, id, got }).toEqual({ where, id, got: expected(model, about) });
      }
    }
    expect(nonEmpty).toBeGreaterThan(20);
    store.close();
  });
});
