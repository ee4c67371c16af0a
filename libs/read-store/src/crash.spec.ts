import { openSqliteEventStore, type StoredEvent } from '@app/event-store';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadStore, rebuildReadStore } from './read-store';
import { memorySource } from './testing/memory-source';
import { dumpTables } from './testing/tables';

jest.setTimeout(240_000);

const runTs = join(__dirname, 'testing/run-ts.js');
const childFile = join(__dirname, 'testing/crash-child.ts');

/** The child, with the last line it printed (to tell whether a kill landed inside a page's transaction). */
function start(...args: string[]): ChildProcess & { lastLine: string } {
  const child = spawn(process.execPath, [runTs, childFile, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const tracked = Object.assign(child, { lastLine: '' });
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = chunk
      .toString()
      .split('\n')
      .filter((line) => line !== '');
    if (lines.length > 0) tracked.lastLine = lines[lines.length - 1];
  });
  return tracked;
}
const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
/** Resolves once the child has printed `times` lines that start with `prefix`. */
function printed(child: ChildProcess, prefix: string, times = 1): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = 0;
    child.stdout!.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.startsWith(prefix) && ++seen === times) resolve();
    });
    child.once('exit', () => (seen >= times ? resolve() : reject(new Error(`child exited before "${prefix}"`))));
  });
}

describe('SIGKILL while folding, under writes from another process', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'read-store-crash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves every table consistent with its checkpoint, and after restart equal to a fresh rebuild', async () => {
    const storePath = join(dir, 'registry.db');
    const projectionsPath = join(dir, 'projections.db');
    const writer = start('write', storePath, '23', '4000');
    const kills: number[] = [];
    let killedUnderWrites = 0;
    let killedInsideAPage = 0;
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (let round = 0; round < 2; round++) {
        const folder = start('fold', storePath, projectionsPath);
        await printed(folder, 'folded', 1 + round);
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(Math.random() * 150)));
        if (writer.exitCode === null) killedUnderWrites++;
        if (folder.lastLine.startsWith('folding')) killedInsideAPage++;
        folder.kill('SIGKILL');
        await exited(folder);
        expect(folder.signalCode).toBe('SIGKILL');

        // As the crash left it: the rows are exactly a rebuild of the events up to the checkpoint.
        const crashed = ReadStore.openFile(projectionsPath);
        expect(crashed.db.pragma('integrity_check', { simple: true })).toBe('ok');
        const { seq } = crashed.checkpoint();
        kills.push(seq);
        const store = openSqliteEventStore(storePath, { synchronous: 'NORMAL' });
        const events: StoredEvent[] = [];
        for await (const page of store.readAllBatches()) events.push(...page);
        await store.close();
        const upTo = join(dir, `up-to-${round}.db`);
        await rebuildReadStore(upTo, memorySource(events.slice(0, seq)));
        const expected = ReadStore.openFile(upTo);
        expect(dumpTables(crashed.db)).toEqual(dumpTables(expected.db));
        expected.close();
        crashed.close();
      }
    } finally {
      writer.kill('SIGKILL');
      await exited(writer);
    }
    expect(kills[0]).toBeGreaterThan(0);
    expect(killedUnderWrites).toBeGreaterThan(0);
    process.stdout.write(`killed ${kills.length} times, ${killedInsideAPage} inside a page's transaction\n`);

    // Restarted: caught up to the end, every table equals a from-scratch rebuild into a fresh file.
    const store = openSqliteEventStore(storePath, { synchronous: 'NORMAL' });
    const restarted = ReadStore.openFile(projectionsPath);
    await restarted.catchUp(store);
    const fresh = join(dir, 'fresh.db');
    await rebuildReadStore(fresh, store);
    const rebuilt = ReadStore.openFile(fresh);
    expect(restarted.checkpoint().seq).toBeGreaterThan(kills[0]);
    expect(dumpTables(restarted.db)).toEqual(dumpTables(rebuilt.db));
    rebuilt.close();
    restarted.close();
    await store.close();
  });
});
