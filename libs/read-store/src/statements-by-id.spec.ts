import { buildModel, buildModelAsOf, listStatements } from '@app/projections';
import { randomHistory } from '../../projections/src/testing/random-history';
import { ReadStore } from './read-store';
import { statementsByIdAt } from './statements-by-id';
import { cutsOf, whereOf, withRevisions } from './testing/cuts';
import { memorySource } from './testing/memory-source';
import { fromFile, fromReplay } from './testing/statement-pages';

describe('statements by id as of a cut (statementsByIdAt) against the reference replay', () => {
  it.each([501, 502, 503])('history %i: every statement, in the order asked, live and at past cuts', async (seed) => {
    const events = withRevisions(randomHistory(seed, 200).events);
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 7));
    const ids = events.filter((e) => e.type === 'StatementRecorded').map((e) => e.data.statementId as string);
    const asked = ['no-such-statement', ...ids.reverse()];
    const cuts = cutsOf(events.map((e) => e.recordedAt));
    for (const cut of [cuts[1], cuts[5], 'LIVE' as const]) {
      const model = cut === 'LIVE' ? buildModel(events) : buildModelAsOf(events, cut);
      const listed = new Map(listStatements(model, {}, { first: 500 }).edges.map((e) => [e.node.statementId, e]));
      const expected = asked.flatMap((id) => {
        const edge = listed.get(id);
        return edge === undefined ? [] : [fromReplay(model)(edge.node)];
      });
      const got = statementsByIdAt(store.db, cut, asked).map(fromFile);
      expect({ where: whereOf(cut), got }).toEqual({ where: whereOf(cut), got: expected });
      expect(got.length).toBeGreaterThan(cut === 'LIVE' ? 20 : 0);
    }
    store.close();
  });
});
