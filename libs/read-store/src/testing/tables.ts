import type { Database } from 'better-sqlite3';
import type { EventStore, StoredEvent } from '@app/event-store';
import { uuidv7 } from '@app/event-store';
import { TABLES } from '../schema';

/** Every row of every table, in a fixed order: two files hold the same projection when these are equal. */
export function dumpTables(db: Database): Record<string, unknown[][]> {
  const dump: Record<string, unknown[][]> = {};
  for (const table of TABLES) {
    const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    dump[table] = db
      .prepare(`SELECT * FROM ${table} ORDER BY ${columns.join(', ')}`)
      .raw()
      .all() as unknown[][];
  }
  return dump;
}

/**
 * Appends events (from a generated history) to a real store, each as its own commit on its own stream;
 * `pauseEvery` > 0 yields a millisecond after that many events (a steady writer, not a burst).
 */
export async function appendAll(store: EventStore, events: readonly StoredEvent[], pauseEvery = 0): Promise<void> {
  for (const [n, e] of events.entries()) {
    if (pauseEvery > 0 && n % pauseEvery === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await store.append(e.stream, [
      { id: uuidv7(), type: e.type, data: e.data, metadata: { actor: 'test', correlationId: e.id } },
    ]);
  }
}
