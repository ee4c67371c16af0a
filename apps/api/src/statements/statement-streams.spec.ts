import { openSqliteEventStore, type SqliteEventStore } from '@app/event-store';
import { statementStream } from '@app/domain';
import { StatementStreams } from './statement-streams';

const event = (type: string, n: number) => ({
  id: crypto.randomUUID(),
  type,
  data: { n },
  metadata: { actor: 'test', correlationId: 'c' },
});

describe('StatementStreams: the streams asked for together are read in one request', () => {
  let store: SqliteEventStore;
  const ids = Array.from({ length: 1200 }, (_, i) => `st-${i}`);

  beforeAll(async () => {
    store = openSqliteEventStore(':memory:');
    for (const [i, id] of ids.entries()) {
      const events = [event('StatementRecorded', i), ...(i % 7 === 0 ? [event('StatementCorrected', i)] : [])];
      await store.append(statementStream(id), events);
    }
  });
  afterAll(() => store.close());
  afterEach(() => jest.restoreAllMocks());

  it('each statement gets its own stream, in order; many asked at once are read 500 streams a request', async () => {
    const streams = new StatementStreams(store);
    const requests = jest.spyOn(store, 'readStreams');
    const asked = [...ids, 'unknown', ids[3]];
    const got = await Promise.all(asked.map((id) => streams.events(id)));

    expect(requests).toHaveBeenCalledTimes(3);
    expect(requests.mock.calls.map(([s]) => s.length)).toEqual([500, 500, 202]);
    for (const [i, id] of asked.entries()) {
      const alone = [];
      for await (const e of store.readStream(statementStream(id))) alone.push(e);
      expect(got[i]).toEqual(alone);
    }
    expect(got[ids.length]).toEqual([]);
    expect(got[7].map((e) => e.type)).toEqual(['StatementRecorded', 'StatementCorrected']);
    // Two askers of one statement hold arrays of their own.
    expect(got[ids.length + 1]).not.toBe(got[3]);
  });

  it('asked one after another, each is a request of its own; a failed read fails its askers only', async () => {
    const streams = new StatementStreams(store);
    const requests = jest.spyOn(store, 'readStreams');
    expect((await streams.events(ids[0])).length).toBe(2);
    expect((await streams.events(ids[1])).length).toBe(1);
    expect(requests).toHaveBeenCalledTimes(2);
    requests.mockRejectedValueOnce(new Error('store down'));
    await expect(Promise.all([streams.events(ids[2]), streams.events(ids[3])])).rejects.toThrow('store down');
    expect((await streams.events(ids[2])).length).toBe(1);
  });
});
