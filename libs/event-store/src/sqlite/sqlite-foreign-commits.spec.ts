import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent, Subscription } from '../event-store.port';
import { newEvent, nextMatching } from '../testing/contract-helpers';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * Two store instances on one file stand for two processes (each has its own connection): a live
 * subscription on one must see what the other commits, without any commit of its own to wake it.
 */
describe('SQLite: commits made through another connection', () => {
  const directory = mkdtempSync(join(tmpdir(), 'registry-foreign-'));
  const path = join(directory, 'registry.db');
  const opened: SqliteEventStore[] = [];
  const open = (options: { foreignCommitPollMs?: number } = {}) => {
    const store = new SqliteEventStore({ path, synchronous: 'NORMAL', ...options });
    opened.push(store);
    return store;
  };
  afterAll(async () => {
    for (const store of opened) await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const within = <T>(ms: number, promise: Promise<T>): Promise<T | 'timeout'> =>
    Promise.race([promise, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms).unref())]);

  it('wakes a live subscription within one poll interval (and resumes after each)', async () => {
    const reader = open({ foreignCommitPollMs: 100 });
    const writer = open();
    const subscription: Subscription = reader.subscribeToAll();
    const streamOf = (e: StoredEvent) => e.stream;
    for (const round of [1, 2, 3]) {
      const stream = `foreign-${round}`;
      const started = Date.now();
      const seen = nextMatching(subscription, (e) => e.stream === stream, 2);
      await writer.append(stream, [newEvent('Written'), newEvent('WrittenToo')]);
      const events = await within(1000, seen);
      expect(events).not.toBe('timeout');
      expect((events as StoredEvent[]).map(streamOf)).toEqual([stream, stream]);
      expect(Date.now() - started).toBeLessThan(1000);
    }
    await subscription.close();
  });

  it('without the poll (interval 0) the same commit is not noticed: the poll is what wakes it', async () => {
    const reader = open({ foreignCommitPollMs: 0 });
    const writer = open();
    const subscription = reader.subscribeToAll({ fromPosition: (await reader.lagAfter(null)).head ?? '0' });
    const seen = nextMatching(subscription, (e) => e.stream === 'unnoticed', 1);
    await writer.append('unnoticed', [newEvent('Written')]);
    expect(await within(600, seen)).toBe('timeout');
    await subscription.close();
  });

  it("counts the lag of another connection's commits", async () => {
    const reader = open();
    const writer = open();
    const before = await reader.lagAfter(null);
    await writer.append('lagging', [newEvent('A'), newEvent('B'), newEvent('C')]);
    const after = await reader.lagAfter(before.head);
    expect(after).toEqual({ events: 3, exact: true, head: String(Number(before.head) + 3) });
  });
});
