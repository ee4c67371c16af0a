import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventTooLargeError, StoreUnavailableError } from '../errors';
import { collect, newEvent } from '../testing/contract-helpers';
import { openSqliteEventStore } from './open-sqlite-event-store';
import { SqliteEventStore } from './sqlite-event-store';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'registry-sqlite-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('SqliteEventStore on a file', () => {
  it('keeps every acknowledged event across close and reopen, and is FULL-synchronous on every open', async () => {
    const path = join(directory, 'registry.db');
    const first = openSqliteEventStore(path);
    expect(first.stats().synchronous).toBe('FULL');
    const written = [newEvent('A', { n: 'один' }), newEvent('B', { n: 'اثنان' })];
    await first.append('durable', written);
    await first.close();

    const reopened = openSqliteEventStore(path);
    expect(reopened.stats().synchronous).toBe('FULL');
    const read = await collect(reopened.readAll());
    expect(read.map((e) => [e.id, e.data, e.position])).toEqual([
      [written[0].id, written[0].data, '1'],
      [written[1].id, written[1].data, '2'],
    ]);
    await expect(reopened.append('durable', [newEvent('C')], { expectedRevision: 1 })).resolves.toEqual({
      nextExpectedRevision: 2,
      position: '3',
    });
    await reopened.close();
  });

  it('uses NORMAL only when asked', async () => {
    const store = openSqliteEventStore(join(directory, 'normal.db'), { synchronous: 'NORMAL' });
    expect(store.stats().synchronous).toBe('NORMAL');
    await store.close();
  });

  it('commits appends still waiting for their group commit when closed', async () => {
    const path = join(directory, 'pending.db');
    const store = openSqliteEventStore(path);
    const pending = store.append('late', [newEvent('A')]);
    await store.close();
    await expect(pending).resolves.toEqual({ nextExpectedRevision: 0, position: '1' });
    await expect(store.append('late', [newEvent('B')])).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);

    const reopened = openSqliteEventStore(path);
    expect((await collect(reopened.readStream('late'))).map((e) => e.type)).toEqual(['A']);
    await reopened.ping();
    await reopened.close();
  });

  it('ends open subscriptions when closed', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const iterator = store.subscribeToAll()[Symbol.asyncIterator]();
    const waiting = iterator.next();
    await store.close();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
  });
});

describe('SqliteEventStore limits and failures', () => {
  it('refuses an event over its maxEventBytes and writes nothing of its append', async () => {
    const store = new SqliteEventStore({ path: ':memory:', limits: { maxEventBytes: 1000 } });
    const small = newEvent('Small');
    const large = newEvent('Large', { text: 'ї'.repeat(500) }); // 1,000 bytes of data, plus metadata
    const refused = store.append('limited', [small, large]);
    await expect(refused).rejects.toBeInstanceOf(EventTooLargeError);
    await expect(refused).rejects.toMatchObject({ eventId: large.id, limit: 1000 });
    expect(await collect(store.readAll())).toEqual([]);
    expect(store.stats().commits).toBe(0);
    await store.close();
  });

  it('accepts a 1 MB event under the default 1 MiB limit and refuses one over it', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    await store.append('big', [newEvent('Big', { text: 'x'.repeat(1_000_000) })]);
    await expect(store.append('big', [newEvent('Huge', { text: 'й'.repeat(2_200_000) })])).rejects.toBeInstanceOf(
      EventTooLargeError,
    );
    expect(await collect(store.readStream('big'))).toHaveLength(1);
    await store.close();
  });

  it('gives one StoreUnavailableError when the directory cannot be created', async () => {
    const file = join(directory, 'a-file');
    writeFileSync(file, 'not a directory');
    const opening = () => openSqliteEventStore(join(file, 'data', 'registry.db'));
    expect(opening).toThrow(StoreUnavailableError);
    expect(opening).toThrow(/Cannot create the directory .*a-file\/data.*ENOTDIR/);
  });

  it('gives StoreUnavailableError when the file cannot be opened or is not a database', async () => {
    expect(() => new SqliteEventStore({ path: join(directory, 'missing', 'registry.db') })).toThrow(
      /Cannot open the SQLite event store at .*directory does not exist/,
    );
    const notADatabase = join(directory, 'notes.txt');
    writeFileSync(notADatabase, 'x'.repeat(4096));
    const opening = () => openSqliteEventStore(notADatabase);
    expect(opening).toThrow(StoreUnavailableError);
    expect(opening).toThrow(/SQLITE_NOTADB/);
  });
});
