import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEvent } from '../testing/contract-helpers';
import { openSqliteEventStore } from './open-sqlite-event-store';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'registry-writers-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('SqliteEventStore with another writer on the same file', () => {
  it('delivers to a live subscription the events another connection (process) commits', async () => {
    const path = join(directory, 'registry.db');
    const service = openSqliteEventStore(path);
    const cli = openSqliteEventStore(path);
    const subscription = service.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    const first = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const written = newEvent('Imported', { row: 1 });
    await cli.append('import-1', [written]);
    let timer: NodeJS.Timeout | undefined;
    const received = await Promise.race([
      first,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('not delivered within 3 s')), 3000);
      }),
    ]).finally(() => clearTimeout(timer));
    expect(received.value?.id).toBe(written.id);
    await subscription.close();
    await cli.close();
    await service.close();
  });
});
