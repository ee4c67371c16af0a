import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { EventStore, openSqliteEventStore, uuidv7 } from '@app/event-store';
import { ReadStore } from '@app/read-store';
import { randomHistory } from '../libs/projections/src/testing/random-history';
import { appendAll, dumpTables } from '../libs/read-store/src/testing/tables';
import { ReadStoreService } from '../apps/api/src/read-store/read-store.service';
import { RebuildCommand } from '../apps/api/src/cli/rebuild.command';
import type { CliConfig } from '../apps/api/src/cli/cli-support';
import { loadConfig } from '../apps/api/src/config/config';
import { sleep } from './support/read-side';
import { TestApp } from './support/test-app';

/**
 * The projection file (libs/read-store) kept live by the running service: built on a store with events,
 * following another process's commits, resumed from its checkpoint on restart, rebuilt when deleted or of
 * another version. One store, one service restarted between the steps (each step builds on the last).
 */
jest.setTimeout(180_000);

const run = promisify(execFile);
const RUN_TS = path.resolve(__dirname, '../libs/read-store/src/testing/run-ts.js');

/** The second process: opens the SQLite file through the store port, appends sources, prints when it committed. */
const CHILD = `
const { openSqliteEventStore } = require('@app/event-store');
(async () => {
  const [file, ...ids] = process.argv.slice(2);
  const store = openSqliteEventStore(file);
  for (const id of ids) {
    const data = { sourceId: id, name: 'Written elsewhere ' + id, kind: 'NGO', grade: 'C' };
    const metadata = { actor: 'other-process', correlationId: id, schemaVersion: 1 };
    await store.append('source-' + id, [{ id, type: 'SourceRegistered', data, metadata }]);
  }
  await store.close();
  process.stdout.write(String(Date.now()));
})().catch((e) => { console.error(e); process.exit(1); });`;

describe('the projection file, kept live by the service', () => {
  let dir: string;
  let registry: string;
  let projections: string;
  let app: TestApp | undefined;
  let head = 0;

  /** Reads or writes the file through a connection of its own (the service may hold it open: WAL). */
  const inFile = <T>(use: (db: ReadStore['db']) => T): T => {
    const file = ReadStore.openFile(projections);
    try {
      return use(file.db);
    } finally {
      file.close();
    }
  };
  const checkpointOf = () =>
    inFile(
      (db) =>
        db.prepare("SELECT version, position, seq FROM checkpoint WHERE projection = 'registry'").get() as {
          version: string;
          position: string;
          seq: number;
        },
    );
  const ready = async () => {
    for (;;) {
      const res = await fetch(app!.url.replace(/\/graphql$/, '/health/ready'));
      const body = (await res.json()) as any;
      if (res.status === 200) return body;
      await sleep(50);
    }
  };
  const start = async () => {
    app = await TestApp.start({ SQLITE_PATH: registry });
    return ready();
  };
  const stop = async () => {
    await app?.stop();
    app = undefined;
  };
  const appendWhileStopped = async (count: number) => {
    const store = openSqliteEventStore(registry, { synchronous: 'NORMAL' });
    for (let i = 0; i < count; i++) {
      const id = uuidv7();
      const data = { sourceId: id, name: `Registered while stopped ${i}`, kind: 'NGO', grade: 'B' };
      await store.append(`source-${id}`, [
        { id, type: 'SourceRegistered', data, metadata: { actor: 't', correlationId: id } },
      ]);
    }
    await store.close();
    head += count;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-projection-file-'));
    registry = path.join(dir, 'registry.db');
    projections = path.join(dir, 'projections.db');
    const store = openSqliteEventStore(registry, { synchronous: 'NORMAL' });
    const { events } = randomHistory(11, 300);
    await appendAll(store, events);
    await store.close();
    head = events.length;
  }, 180_000);
  afterAll(async () => {
    await stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is built next to the store on first start, and /health/ready waits for it and reports it', async () => {
    expect(fs.existsSync(projections)).toBe(false);
    const body = await start();
    expect(body).toMatchObject({
      status: 'ready',
      projection: {
        file: 'projections.db',
        caughtUp: true,
        live: true,
        rebuilding: false,
        rebuildRead: null,
        checkpoint: { position: String(head), seq: head },
        lag: { events: 0, exact: true, head: String(head), checkpoint: String(head) },
        lastError: null,
      },
      checks: { store: 'up', projection: 'up', overall: 'ok' },
    });
    expect(checkpointOf()).toMatchObject({ position: String(head), seq: head });
    expect(inFile((db) => db.prepare('SELECT COUNT(*) FROM assessments').pluck().get())).toBeGreaterThan(5);
  });

  it("shows another process's commits within 2 s (no commit of its own to wake it)", async () => {
    for (const round of [1, 2]) {
      const ids = [uuidv7(), uuidv7(), uuidv7()];
      const { stdout } = await run(process.execPath, [RUN_TS, writeChild(dir), registry, ...ids], {
        env: { PATH: process.env.PATH },
      });
      const committedAt = Number(stdout);
      head += ids.length;
      const seen = () => checkpointOf().position === String(head);
      while (!seen() && Date.now() - committedAt < 5_000) await sleep(20);
      const seenAfter = Date.now() - committedAt;
      expect(checkpointOf()).toMatchObject({ position: String(head), seq: head });
      const rows = inFile((db) =>
        db
          .prepare(`SELECT source_id FROM sources WHERE source_id IN (${ids.map(() => '?').join(',')})`)
          .pluck()
          .all(...ids),
      );
      expect(new Set(rows)).toEqual(new Set(ids));
      expect(seenAfter).toBeLessThan(2_000);
      process.stdout.write(`round ${round}: the other process's commit folded into the file after ${seenAfter} ms\n`);
    }
  });

  it('waitFor resolves once the file holds a write; false after its timeout for a position not reached', async () => {
    const service = app!.app.get(ReadStoreService);
    const id = uuidv7();
    const data = { sourceId: id, name: 'Waited for', kind: 'NGO', grade: 'A' };
    const { position } = await app!.app
      .get(EventStore)
      .append(`source-${id}`, [{ id, type: 'SourceRegistered', data, metadata: { actor: 't', correlationId: id } }]);
    head += 1;
    expect(await service.waitFor(position, 10_000)).toBe(true);
    expect(inFile((db) => db.prepare('SELECT name FROM sources WHERE source_id = ?').pluck().get(id))).toBe(
      'Waited for',
    );
    const started = Date.now();
    expect(await service.waitFor(String(head + 1000), 200)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('resumes from its checkpoint on restart: the same file, with only the new events folded', async () => {
    await stop();
    const inode = fs.statSync(projections).ino;
    const before = checkpointOf();
    // A row no rebuild would write: it survives only if the file is kept.
    inFile((db) => db.prepare("INSERT INTO checkpoint VALUES ('test-marker', 'x', NULL, 0, 0)").run());
    await appendWhileStopped(4);
    const body = await start();
    expect(body.projection).toMatchObject({ checkpoint: { position: String(head), seq: before.seq + 4 } });
    expect(fs.statSync(projections).ino).toBe(inode);
    expect(
      inFile((d) => d.prepare("SELECT COUNT(*) FROM checkpoint WHERE projection = 'test-marker'").pluck().get()),
    ).toBe(1);
    await stop();
    inFile((db) => db.prepare("DELETE FROM checkpoint WHERE projection = 'test-marker'").run());
  });

  it('deleted while stopped: rebuilt on start, with the rows the live folding wrote, table by table', async () => {
    const before = inFile(dumpTables);
    expect(before.statement_versions.length).toBeGreaterThan(0);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${projections}${suffix}`, { force: true });
    const body = await start();
    expect(body.projection).toMatchObject({ rebuilding: false, checkpoint: { position: String(head), seq: head } });
    expect(inFile(dumpTables)).toEqual(before);
  });

  it('of another projection version: rebuilt into a new file and swapped in, with the same rows', async () => {
    await stop();
    const before = inFile(dumpTables);
    const inode = fs.statSync(projections).ino;
    inFile((db) =>
      db.prepare("UPDATE checkpoint SET version = 'read-store-0+policy-0' WHERE projection = 'registry'").run(),
    );
    const body = await start();
    expect(body.projection).toMatchObject({ version: checkpointOf().version, checkpoint: { seq: head } });
    expect(checkpointOf().version).not.toBe('read-store-0+policy-0');
    expect(fs.statSync(projections).ino).not.toBe(inode);
    expect(fs.existsSync(`${projections}.rebuilding`)).toBe(false);
    expect(inFile(dumpTables)).toEqual(before);
  });
});

describe('the projection file, rebuilt on demand', () => {
  let app: TestApp;
  let projections: string;
  const inode = () => fs.statSync(projections).ino;
  const rows = () => {
    const file = ReadStore.openFile(projections);
    try {
      return dumpTables(file.db);
    } finally {
      file.close();
    }
  };

  beforeAll(async () => {
    app = await TestApp.start();
    projections = path.join(app.dir, 'projections.db');
    const store = app.app.get(EventStore);
    await appendAll(store, randomHistory(5, 120).events);
    const { position } = await app.app.get(EventStore).append(`source-${uuidv7()}`, [sourceEvent('Last')]);
    expect(await app.app.get(ReadStoreService).waitFor(position, 60_000)).toBe(true);
  }, 180_000);
  afterAll(async () => {
    await app.stop();
  });

  it('by rebuildProjections in a running instance: a new file swapped in, then followed live again', async () => {
    const before = { inode: inode(), rows: rows() };
    const { rebuildProjections } = await app.ok('mutation { rebuildProjections { eventsApplied } }');
    expect(inode()).not.toBe(before.inode);
    expect(rows()).toEqual(before.rows);
    const event = sourceEvent('After the swap');
    const { position } = await app.app.get(EventStore).append(`source-${event.data.sourceId}`, [event]);
    expect(await app.app.get(ReadStoreService).waitFor(position, 10_000)).toBe(true);
    const res = await fetch(app.url.replace(/\/graphql$/, '/health/ready'));
    const { projection } = (await res.json()) as { projection: unknown };
    expect(projection).toMatchObject({
      live: true,
      rebuilding: false,
      checkpoint: { position, seq: rebuildProjections.eventsApplied + 1 },
    });
  });

  it('by the CLI rebuild command (service stopped): a new file swapped in, with the same rows', async () => {
    const served = app.app.get(ReadStoreService).serving;
    const held = { ...served.counts(), ...served.checkpoint() };
    await app.app.close();
    const before = { inode: inode(), rows: rows() };
    const config = loadConfig({ SQLITE_PATH: path.join(app.dir, 'registry.db'), LOG_LEVEL: 'warn' });
    const printed: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      await new RebuildCommand({ get: () => config } as CliConfig).run([], {});
    } finally {
      write.mockRestore();
    }
    const output = JSON.parse(printed.join(''));
    // What the rebuilt file holds: what the file the service kept held (the one fold, twice).
    expect(output).toEqual({
      path: projections,
      projectionVersion: held.version,
      checkpoint: held.position,
      eventsApplied: held.seq,
      skipped: 0,
      skippedEventIds: [],
      sources: held.sources,
      incidents: held.incidents,
      corroborations: held.corroborations,
      investigations: held.investigations,
      statements: held.statements,
      durationMs: expect.any(Number),
    });
    expect(held.seq).toBeGreaterThan(0);
    expect(inode()).not.toBe(before.inode);
    expect(fs.existsSync(`${projections}.rebuilding`)).toBe(false);
    expect(rows()).toEqual(before.rows);
  });
});

function sourceEvent(name: string) {
  const id = uuidv7();
  return {
    id,
    type: 'SourceRegistered',
    data: { sourceId: id, name, kind: 'NGO', grade: 'B' },
    metadata: { actor: 'test', correlationId: id },
  };
}

function writeChild(dir: string): string {
  const file = path.join(dir, 'append-child.js');
  if (!fs.existsSync(file)) fs.writeFileSync(file, CHILD);
  return file;
}
