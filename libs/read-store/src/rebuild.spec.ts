import { POLICY_V1 } from '@app/domain';
import Database from 'better-sqlite3';
import { openSqliteEventStore, type SqliteEventStore } from '@app/event-store';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomHistory } from '../../projections/src/testing/random-history';
import { ReadStore, openReadStore, projectionVersion, rebuildReadStore } from './read-store';
import { memorySource } from './testing/memory-source';
import { appendAll, dumpTables } from './testing/tables';

jest.setTimeout(120_000);

describe('the projection file: rebuilt when missing or of another version, swapped in whole', () => {
  let dir: string;
  let events: SqliteEventStore;
  let path: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-store-'));
    events = openSqliteEventStore(join(dir, 'registry.db'), { synchronous: 'NORMAL' });
    await appendAll(events, randomHistory(7, 400).events);
  }, 180_000);
  afterAll(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    path = join(dir, `projections-${Math.random().toString(36).slice(2)}.db`);
  });

  const rowsOf = (file: string) => {
    const store = ReadStore.openFile(file);
    try {
      return dumpTables(store.db);
    } finally {
      store.close();
    }
  };

  it('a missing file is rebuilt on open; deleted, it is rebuilt with equal rows', async () => {
    const first = await openReadStore(path, events);
    expect(first.checkpoint()).toMatchObject({ seq: 400 + 8 + 2, version: projectionVersion(first.policy) });
    first.close();
    const before = rowsOf(path);
    expect(before.corroborations.length).toBeGreaterThan(20);
    expect(before.assessments.length).toBeGreaterThan(10);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    (await openReadStore(path, events)).close();
    expect(rowsOf(path)).toEqual(before);
  });

  it('catching up page by page (assessing as it goes) gives the rows a bulk rebuild gives', async () => {
    const all = [];
    for await (const page of events.readAllBatches()) all.push(...page);
    const live = ReadStore.openFile(path);
    await live.catchUp(memorySource(all, 3));
    const rows = dumpTables(live.db);
    live.close();
    const rebuilt = join(dir, 'rebuilt.db');
    await rebuildReadStore(rebuilt, events);
    expect(rowsOf(rebuilt)).toEqual(rows);
  });

  it('two connections folding pages of one file in turn give the rows a bulk rebuild gives', async () => {
    // What a fold keeps in memory (user_statements' codes and merges) must follow commits of the other.
    const all = [];
    for await (const page of events.readAllBatches()) all.push(...page);
    const first = ReadStore.openFile(path);
    const second = ReadStore.openFile(path);
    for (let at = 0, turn = 0; at < all.length; at += 5, turn++) {
      (turn % 2 === 0 ? first : second).applyPage(all.slice(at, at + 5), { assess: true });
    }
    const rows = dumpTables(first.db);
    first.close();
    second.close();
    const rebuilt = join(dir, 'rebuilt-two.db');
    await rebuildReadStore(rebuilt, events);
    const expected = rowsOf(rebuilt);
    expect(rows.user_statements.length).toBeGreaterThan(0);
    expect(rows).toEqual(expected);
  });

  it('answers the checkpoint of the file: after each page, and after a page that failed and rolled back', async () => {
    const all = [];
    for await (const page of events.readAllBatches({ maxCount: 40 })) all.push(...page);
    const store = ReadStore.openFile(path);
    const inFile = () => store.db.prepare('SELECT version, position, seq, skipped FROM checkpoint').get();
    expect(store.checkpoint()).toMatchObject({ position: null, seq: 0 });
    for (let at = 0; at < 30; at += 10) {
      store.applyPage(all.slice(at, at + 10), { assess: true });
      expect(store.checkpoint()).toEqual(inFile());
    }
    expect(store.checkpoint()).toMatchObject({ position: all[29].position, seq: 30 });
    // The checkpoint is the last thing a page writes: a position that cannot be stored fails the page whole.
    const broken = all.slice(30, 40).map((e, i) => (i === 9 ? { ...e, position: {} as unknown as string } : e));
    expect(() => store.applyPage(broken, { assess: true })).toThrow();
    expect(store.checkpoint()).toEqual(inFile());
    expect(store.checkpoint().seq).toBe(30);
    store.applyPage(all.slice(30, 40), { assess: true });
    expect(store.checkpoint()).toMatchObject({ position: all[39].position, seq: 40 });
    store.close();
  });

  it('a file of another projection or policy version is rebuilt into a new file and swapped in', async () => {
    (await openReadStore(path, events)).close();
    const inode = statSync(path).ino;
    const underV1 = await openReadStore(path, events, { policy: POLICY_V1 });
    expect(statSync(path).ino).not.toBe(inode);
    expect(underV1.checkpoint().version).toBe(projectionVersion(POLICY_V1));
    const versions = underV1.db.prepare('SELECT DISTINCT policy_version FROM assessments').pluck().all();
    expect(versions).toEqual([POLICY_V1.version]);
    underV1.close();

    // A file of an older layout (or no projection at all) is read for its version without being touched.
    const other = new Database(path);
    other.exec('DROP TABLE statement_targets; CREATE TABLE statement_targets (statement_id TEXT)');
    other.exec("UPDATE checkpoint SET version = 'read-store-1+policy-1.0.0'");
    other.close();
    const relaid = await openReadStore(path, events, { policy: POLICY_V1 });
    expect(relaid.checkpoint()).toMatchObject({ seq: 410, version: projectionVersion(POLICY_V1) });
    relaid.close();

    const stale = ReadStore.openFile(path, { policy: POLICY_V1 });
    stale.db.exec("UPDATE checkpoint SET version = 'read-store-0'; DROP INDEX statement_versions_kind");
    stale.close();
    // Opened as it is, a file of another version is not given this version's indexes: it is rebuilt, not served,
    // and indexing it first would only hold up the start.
    const looked = ReadStore.openFile(path, { policy: POLICY_V1 });
    const indexed = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'statement_versions_kind'";
    expect(looked.db.prepare(indexed).pluck().get()).toBe(0);
    looked.close();
    const reopened = await openReadStore(path, events, { policy: POLICY_V1 });
    expect(reopened.checkpoint().version).toBe(projectionVersion(POLICY_V1));
    reopened.close();
  });

  it('the old file keeps serving while the new one is built, until the swap', async () => {
    const serving = await openReadStore(path, events);
    const id = serving.db.prepare('SELECT incident_id FROM assessments LIMIT 1').pluck().get() as string;
    const answer = serving.assessAsOf(id, 'LIVE');
    let servedDuringRebuild = false;
    const rebuilding = rebuildReadStore(path, events, {
      beforeSwap: () => {
        servedDuringRebuild = serving.assessAsOf(id, 'LIVE') !== null;
        serving.close();
      },
    });
    expect(serving.assessAsOf(id, 'LIVE')).toEqual(answer); // still open while the new file fills
    await rebuilding;
    expect(servedDuringRebuild).toBe(true);
    expect(existsSync(`${path}.rebuilding`)).toBe(false);
    const swapped = ReadStore.openFile(path);
    expect(swapped.assessAsOf(id, 'LIVE')).toEqual(answer);
    swapped.close();
  });
});
