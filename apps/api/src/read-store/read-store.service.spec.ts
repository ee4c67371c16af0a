import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore, type SqliteEventStore, type Subscription, uuidv7 } from '@app/event-store';
import { Logger } from '@nestjs/common';
import { incidentsAt, type PageChanges, ReadStore, rebuildReadStore } from '@app/read-store';
import { dumpTables } from '../../../../libs/read-store/src/testing/tables';
import { writeLargeStore } from '../../../../test/support/large-store';
import { rebuildProjectionFile } from '../cli/store/rebuild-projection-file';
import { loadConfig } from '../config/config';
import { ReadStoreService } from './read-store.service';

jest.setTimeout(60_000);

const sourceEvent = () => {
  const id = uuidv7();
  const data = { sourceId: id, name: `Source ${id}`, kind: 'NGO', grade: 'B' };
  return {
    stream: `source-${id}`,
    event: { id, type: 'SourceRegistered', data, metadata: { actor: 't', correlationId: id } },
  };
};
const until = async (check: () => Promise<boolean> | boolean) => {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('ReadStoreService', () => {
  let dir: string;
  let store: SqliteEventStore;
  let service: ReadStoreService;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'read-store-service-'));
    store = openSqliteEventStore(join(dir, 'registry.db'), { synchronous: 'NORMAL' });
  });
  afterEach(async () => {
    await service?.onApplicationShutdown();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = async () => {
    const { stream, event } = sourceEvent();
    return (await store.append(stream, [event])).position;
  };

  it('on an empty store: built, caught up and live; a later write is folded', async () => {
    service = new ReadStoreService(store, loadConfig({ SQLITE_PATH: join(dir, 'registry.db') }));
    await service.start();
    expect(await service.readiness()).toMatchObject({ ready: true, live: true, caughtUp: true, lastError: null });
    const position = await append();
    expect(await service.waitFor(position, 10_000)).toBe(true);
    expect((await service.readiness()).checkpoint).toMatchObject({ position, seq: 1 });
  });

  it('tells listeners what each live page changed, with the file at that page; not a catch-up', async () => {
    const path = join(dir, 'registry.db');
    service = new ReadStoreService(store, loadConfig({ SQLITE_PATH: path }));
    const heard: { changes: PageChanges; stored: unknown[] }[] = [];
    const unsubscribe = service.onPage((changes, file) => {
      const status = file.db.prepare('SELECT status FROM assessments WHERE incident_id = ?').pluck();
      heard.push({ changes, stored: changes.statusChanges.map((c) => status.get(c.incidentId)) });
    });
    await writeLargeStore(path, 3);
    await service.start();
    await writeLargeStore(path, 2);
    const head = String(Number((await store.lagAfter(null, 1000)).head));
    expect(await service.waitFor(head, 10_000)).toBe(true);
    const moved = heard.flatMap(({ changes }) => changes.statusChanges);
    expect(moved).toHaveLength(2);
    expect(moved.map(({ before, after }) => [before, after])).toEqual([
      [null, expect.any(String)],
      [null, expect.any(String)],
    ]);
    // Each heard with the file exactly at its page: the incident is there, assessed as the change says.
    for (const { changes, stored } of heard) expect(stored).toEqual(changes.statusChanges.map((c) => c.after));
    unsubscribe();
    await writeLargeStore(path, 1);
    const last = String(Number((await store.lagAfter(null, 1000)).head));
    expect(await service.waitFor(last, 10_000)).toBe(true);
    expect(heard.flatMap(({ changes }) => changes.statusChanges)).toHaveLength(2);
  });

  it('reads the file once it serves: UNAVAILABLE before, and while a rebuild runs the open file serves', async () => {
    const path = join(dir, 'registry.db');
    service = new ReadStoreService(store, loadConfig({ SQLITE_PATH: path }));
    const cut = { clock: 'RECORDED' as const, at: new Date(Date.now() + 86_400_000) };
    const count = () => service.readServing((file) => incidentsAt(file.db, cut, file.policy).length);
    await expect(count()).rejects.toMatchObject({ code: 'UNAVAILABLE', details: { retryable: true } });
    expect(() => service.serving).toThrow(/catching up/);
    await writeLargeStore(path, 3);
    await service.start();
    expect(await count()).toBe(3);
    const release = service.holdLiveFolding();
    const rebuilt = service.rebuild();
    // The rebuild reads the store into a new file; the open one answers meanwhile.
    expect(await count()).toBe(3);
    release();
    await rebuilt;
    expect(await count()).toBe(3);
    await writeLargeStore(path, 2);
    const head = String(Number((await store.lagAfter(null, 1000)).head));
    expect(await service.waitFor(head, 10_000)).toBe(true);
    expect(await count()).toBe(5);
    // A read that finds its file swapped or closed as it read (null) is UNAVAILABLE, never an empty answer.
    await expect(service.readServing(() => null)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it("a mutation's answer reads the file at or past its writes; held, the file stays behind", async () => {
    service = new ReadStoreService(store, loadConfig({ SQLITE_PATH: join(dir, 'registry.db') }));
    const seq = (...positions: string[]) => service.readShowing(positions, (file) => file.checkpoint().seq);
    const first = await append();
    expect(seq(first)).toBeNull(); // not serving yet
    await service.start();
    expect(seq()).toEqual({ read: 1 });
    const release = service.holdLiveFolding();
    const second = await append();
    expect(await service.waitFor(second, 300)).toBe(false);
    // Past the first write (the model's checkpoint not asked), behind the second.
    expect(seq(first)).toEqual({ read: 1 });
    expect(seq(first, second)).toBeNull();
    release();
    expect(await service.waitFor(second, 10_000)).toBe(true);
    expect(seq(first, second)).toEqual({ read: 2 });
  });

  it('a broken subscription: not live, with the error; resumed from the checkpoint by the supervisor', async () => {
    await append();
    let failures = 1;
    const subscribe = store.subscribeToAll.bind(store);
    jest.spyOn(store, 'subscribeToAll').mockImplementation((options) => {
      if (failures-- <= 0) return subscribe(options);
      const broken: Subscription = {
        close: () => Promise.resolve(),
        [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('connection reset')) }),
      };
      return broken;
    });
    service = new ReadStoreService(store, loadConfig({ SQLITE_PATH: join(dir, 'registry.db') }));
    await service.start();
    await until(async () => (await service.readiness()).lastError !== null);
    expect(await service.readiness()).toMatchObject({ ready: false, live: false, lastError: /connection reset/ });
    const position = await append();
    await until(async () => (await service.readiness()).ready);
    expect(await service.waitFor(position, 10_000)).toBe(true);
    expect(await service.readiness()).toMatchObject({ live: true, checkpoint: { seq: 2 } });
  });

  it('one file per process: a second instance keeps an alternate; the CLI rebuild is refused meanwhile', async () => {
    const position = await append();
    const config = loadConfig({ SQLITE_PATH: join(dir, 'registry.db') });
    service = new ReadStoreService(store, config);
    const second = new ReadStoreService(store, config);
    try {
      await Promise.all([service.start(), second.start()]);
      const files = [(await service.readiness()).file, (await second.readiness()).file].sort();
      expect(files).toEqual(['projections.2.db', 'projections.db']);
      for (const each of [service, second]) {
        expect(await each.waitFor(position, 10_000)).toBe(true);
        expect(await each.readiness()).toMatchObject({ ready: true, checkpoint: { position, seq: 1 } });
      }
      await expect(rebuildProjectionFile(config.projectionsDb, store)).rejects.toThrow(/a running service keeps/);
    } finally {
      await second.onApplicationShutdown();
    }
    await service.onApplicationShutdown();
    // Released on shutdown: the next one gets the configured file back, and the command line may rebuild it.
    expect(await rebuildProjectionFile(config.projectionsDb, store)).toMatchObject({ eventsApplied: 1 });
    service = new ReadStoreService(store, config);
    await service.start();
    expect(await service.readiness()).toMatchObject({ ready: true, file: 'projections.db' });
  });

  it('over 10,000 events: rebuilt in a worker thread (rows as in-process), also while serving', async () => {
    await store.close();
    const total = await writeLargeStore(join(dir, 'registry.db'), 4_000);
    store = openSqliteEventStore(join(dir, 'registry.db'), { synchronous: 'NORMAL' });
    const logged = jest.spyOn(Logger.prototype, 'log');
    service = new ReadStoreService(store, loadConfig({ SQLITE_PATH: join(dir, 'registry.db') }));
    const starting = service.start();
    expect(await service.readiness()).toMatchObject({ rebuilding: true, checkpoint: null });
    await starting;
    expect(await service.readiness()).toMatchObject({ ready: true, checkpoint: { seq: total }, lag: { events: 0 } });
    expect(logged.mock.calls.some(([line]) => /rebuilt .* in a worker thread: 12040 events/.test(String(line)))).toBe(
      true,
    );
    logged.mockRestore();
    await rebuildReadStore(join(dir, 'in-process.db'), store);
    const rowsOf = (file: string) => {
      const opened = ReadStore.openFile(file);
      try {
        return dumpTables(opened.db);
      } finally {
        opened.close();
      }
    };
    expect(rowsOf(join(dir, 'projections.db'))).toEqual(rowsOf(join(dir, 'in-process.db')));

    // Asked while serving: the worker waits for the service to close the open file, swaps, and it follows again.
    const inode = statSync(join(dir, 'projections.db')).ino;
    await service.rebuild();
    expect(statSync(join(dir, 'projections.db')).ino).not.toBe(inode);
    const position = await append();
    expect(await service.waitFor(position, 10_000)).toBe(true);
    expect(await service.readiness()).toMatchObject({ ready: true, checkpoint: { seq: total + 1 } });
  });
});
