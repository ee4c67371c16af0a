import { ConcurrencyConflictError } from '../errors';
import { NO_STREAM, type StoredEvent } from '../event-store.port';
import { collect, newEvent } from '../testing/contract-helpers';
import { SqliteEventStore } from './sqlite-event-store';

describe('SqliteEventStore group commit', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('writes appends that arrive together in one transaction, each to its own stream', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.append(`s-${i}`, [newEvent('A'), newEvent('B')], { expectedRevision: NO_STREAM }),
      ),
    );
    expect(store.stats()).toMatchObject({ commits: 1, appends: 50, events: 100 });
    expect(results.map((r) => r.position)).toEqual(Array.from({ length: 50 }, (_, i) => String(2 * i + 2)));
    expect(results.every((r) => r.nextExpectedRevision === 1)).toBe(true);
  });

  it('groups appenders that keep appending into far fewer commits than appends', async () => {
    const appender = async (n: number) => {
      for (let i = 0; i < 20; i++)
        await store.append(`writer-${n}`, [newEvent('Tick', { i })], { expectedRevision: i === 0 ? NO_STREAM : i - 1 });
    };
    await Promise.all(Array.from({ length: 16 }, (_, n) => appender(n)));
    const { commits, appends } = store.stats();
    expect(appends).toBe(320);
    expect(commits).toBeLessThanOrEqual(appends / 8);
    const all = await collect(store.readAll());
    expect(all.map((e) => e.position)).toEqual(Array.from({ length: 320 }, (_, i) => String(i + 1)));
  });

  it('checks each append of a batch in arrival order: first wins, second conflicts, the rest commit', async () => {
    await store.append('contested', [newEvent('Seed')]);
    const first = newEvent('First');
    const outcomes = await Promise.allSettled([
      store.append('contested', [first], { expectedRevision: 0 }),
      store.append('contested', [newEvent('Second')], { expectedRevision: 0 }),
      store.append('bystander', [newEvent('Other')], { expectedRevision: NO_STREAM }),
    ]);
    expect(store.stats().commits).toBe(2);
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: { nextExpectedRevision: 1, position: '2' } });
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: { expected: 0, actual: 1 } });
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyConflictError);
    expect(outcomes[2]).toEqual({ status: 'fulfilled', value: { nextExpectedRevision: 0, position: '3' } });
    const types = (events: StoredEvent[]) => events.map((e) => e.type);
    expect(types(await collect(store.readStream('contested')))).toEqual(['Seed', 'First']);
  });

  it('keeps positions gap-free after a rejected append', async () => {
    await store.append('gapless', [newEvent('A')]);
    await expect(
      store.append('gapless', [newEvent('X'), newEvent('Y')], { expectedRevision: NO_STREAM }),
    ).rejects.toThrow(ConcurrencyConflictError);
    await store.append('other', [newEvent('B')]);
    await store.append('gapless', [newEvent('C')], { expectedRevision: 0 });
    const all = await collect(store.readAll());
    expect(all.map((e) => [e.type, e.position])).toEqual([
      ['A', '1'],
      ['B', '2'],
      ['C', '3'],
    ]);
  });

  it('treats a retry inside the same batch as a retry', async () => {
    const events = [newEvent('A'), newEvent('B')];
    const [first, retry] = await Promise.all([
      store.append('twice', events, { expectedRevision: NO_STREAM }),
      store.append('twice', events, { expectedRevision: NO_STREAM }),
    ]);
    expect(retry).toEqual(first);
    expect(store.stats()).toMatchObject({ appends: 1, events: 2 });
  });

  it('refuses a partial overlap with events already written as a conflict', async () => {
    const [a, b] = [newEvent('A'), newEvent('B')];
    await store.append('overlap', [a, b]);
    await expect(store.append('overlap', [a, newEvent('C')])).rejects.toMatchObject({ actual: 1 });
    expect(await collect(store.readStream('overlap'))).toHaveLength(2);
  });

  it('accepts the same event id in a different stream as a new event', async () => {
    const event = newEvent('Shared');
    await store.append('one', [event]);
    await expect(store.append('two', [event])).resolves.toEqual({ nextExpectedRevision: 0, position: '2' });
  });

  it('records one store-clock timestamp per commit', async () => {
    const before = Date.now();
    await Promise.all([store.append('t1', [newEvent('A')]), store.append('t2', [newEvent('B')])]);
    const [a, b] = await collect(store.readAll());
    expect(a.recordedAt).toEqual(b.recordedAt);
    expect(a.recordedAt.getTime()).toBeGreaterThanOrEqual(before);
  });

  it('reads more than one page, forwards and backwards', async () => {
    const events = Array.from({ length: 2500 }, (_, i) => newEvent('N', { i }));
    await store.append('long', events);
    const forwards = await collect(store.readStream('long'));
    expect(forwards.map((e) => e.data.i)).toEqual(events.map((_, i) => i));
    const backwards = await collect(store.readStream('long', { direction: 'backwards', maxCount: 2200 }));
    expect(backwards.map((e) => e.revision)).toEqual(Array.from({ length: 2200 }, (_, i) => 2499 - i));
    expect(await collect(store.readAll({ fromPosition: '1000', maxCount: 1001 }))).toHaveLength(1001);
  });
});
