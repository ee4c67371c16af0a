import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { ReadAllOptions, StoredEvent } from '@app/event-store';
import { type EventSource, rebuildReadStore } from './read-store';
import { TABLES } from './schema';

/**
 * How a projection file compares with a rebuild from the log: `equal` or `differs`; else not compared, because
 * there is none (`absent`), another projection version built it (a service rebuilds it at start: `another version`),
 * or it names a position the log does not reach (`ahead`: another log's file, or a log cut short).
 */
export type ProjectionCheck = 'equal' | 'differs' | 'absent' | 'another version' | 'ahead';

export interface RebuildComparison {
  check: ProjectionCheck;
  /** Each table whose rows differ, with how many rows each side holds. */
  differing: { table: string; fileRows: number; rebuiltRows: number }[];
}

interface CheckpointRow {
  version: string;
  position: string | null;
  seq: number;
}

/** `source` up to and including the event at `position` (the file's checkpoint): what that file has folded. */
function upTo(source: EventSource, position: string | null): EventSource {
  return {
    async *readAllBatches(options?: ReadAllOptions): AsyncIterable<StoredEvent[]> {
      if (position === null) return;
      for await (const batch of source.readAllBatches(options)) {
        const end = batch.findIndex((e) => e.position === position);
        if (end >= 0) {
          yield batch.slice(0, end + 1);
          return;
        }
        yield batch;
      }
    },
  };
}

/**
 * A table's rows as a multiset: their count and the sum of a hash of each (order-free, and a row held twice counts
 * twice), read by one connection in its read transaction.
 */
function digest(db: Database.Database, table: string): { rows: number; sum: bigint } {
  let rows = 0;
  let sum = 0n;
  for (const row of db.prepare(`SELECT * FROM ${table}`).raw().iterate() as Iterable<unknown[]>) {
    rows++;
    sum = (sum + createHash('sha1').update(JSON.stringify(row)).digest().readBigUInt64BE()) & MASK;
  }
  return { rows, sum };
}
const MASK = (1n << 64n) - 1n;

/**
 * The projection file at `path` against the log: rebuilt from `source` up to the file's own checkpoint, into a
 * scratch file beside it (as a rebuild does, then deleted), it must hold the same rows, table by table, under the same
 * projection version. The file is read in one read transaction held across the rebuild, so that a service serving
 * and folding it meanwhile is compared as it was when the check began; the connection writes nothing, and closing it
 * leaves the file's WAL as SQLite leaves it for its other connections.
 */
export async function compareWithRebuild(path: string, source: EventSource): Promise<RebuildComparison> {
  const scratch = `${path}.verify`;
  const served = new Database(path, { fileMustExist: true });
  try {
    served.pragma('query_only = 1');
    served.exec('BEGIN');
    const checkpoint = 'SELECT version, position, seq FROM checkpoint';
    const at = served.prepare(checkpoint).get() as CheckpointRow | undefined;
    await rebuildReadStore(scratch, upTo(source, at?.position ?? null));
    const rebuilt = new Database(scratch, { readonly: true, fileMustExist: true });
    try {
      const made = rebuilt.prepare(checkpoint).get() as CheckpointRow | undefined;
      if (at !== undefined && made !== undefined && at.version !== made.version)
        return { check: 'another version', differing: [] };
      if (at?.position !== made?.position) return { check: 'ahead', differing: [] };
      const differing = TABLES.flatMap((table) => {
        const [mine, theirs] = [digest(served, table), digest(rebuilt, table)];
        return mine.rows === theirs.rows && mine.sum === theirs.sum
          ? []
          : [{ table, fileRows: mine.rows, rebuiltRows: theirs.rows }];
      });
      return { check: differing.length === 0 ? 'equal' : 'differs', differing };
    } finally {
      rebuilt.close();
    }
  } finally {
    if (served.inTransaction) served.exec('COMMIT');
    served.close();
    for (const suffix of ['', '-wal', '-shm', '-journal', '.rebuilding']) rmSync(scratch + suffix, { force: true });
  }
}
