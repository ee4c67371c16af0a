import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { type EventSource, rebuildReadStore } from './read-store';
import { TABLES } from './schema';

/**
 * How a projection file compares with a rebuild from the log: `equal` or `differs`; else not compared, because
 * another projection version built it (a service rebuilds it at start: `another version`), or it has not folded
 * what the log holds, or more (`behind`, `ahead`: a service catches it up, or wrote meanwhile).
 */
export type ProjectionCheck = 'equal' | 'differs' | 'absent' | 'another version' | 'behind' | 'ahead';

export interface RebuildComparison {
  check: ProjectionCheck;
  /** Each table that differs, with how many rows only one side holds. */
  differing: { table: string; onlyFile: number; onlyRebuilt: number }[];
}

/**
 * The projection file at `path` against the log: rebuilt from `source` into a scratch file beside it (as a rebuild
 * does, then deleted), it must hold the same rows, table by table, when both folded the same events under the same
 * projection version. The file is only read, in one read transaction (a service may be serving it).
 */
export async function compareWithRebuild(path: string, source: EventSource): Promise<RebuildComparison> {
  const scratch = `${path}.verify`;
  try {
    await rebuildReadStore(scratch, source);
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      db.prepare('ATTACH DATABASE ? AS rebuilt').run(scratch);
      return db.transaction((): RebuildComparison => {
        const checkpoint = (schema: string) =>
          db.prepare(`SELECT version, seq FROM ${schema}.checkpoint`).get() as { version: string; seq: number };
        const [served, rebuilt] = [checkpoint('main'), checkpoint('rebuilt')];
        if (served?.version !== rebuilt.version) return { check: 'another version', differing: [] };
        if (served.seq !== rebuilt.seq) return { check: served.seq < rebuilt.seq ? 'behind' : 'ahead', differing: [] };
        const only = (table: string, from: string, to: string) =>
          db
            .prepare(`SELECT count(*) FROM (SELECT * FROM ${from}.${table} EXCEPT SELECT * FROM ${to}.${table})`)
            .pluck()
            .get() as number;
        const differing = TABLES.map((table) => ({
          table,
          onlyFile: only(table, 'main', 'rebuilt'),
          onlyRebuilt: only(table, 'rebuilt', 'main'),
        })).filter((t) => t.onlyFile + t.onlyRebuilt > 0);
        return { check: differing.length === 0 ? 'equal' : 'differs', differing };
      })();
    } finally {
      db.close();
    }
  } finally {
    for (const suffix of ['', '-wal', '-shm', '.rebuilding']) rmSync(scratch + suffix, { force: true });
  }
}
