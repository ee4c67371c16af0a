import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Files tried after the configured one when another process holds it: `projections.2.db`, ... */
const ALTERNATES = 7;

/**
 * Marks a projection file as this process's for as long as it runs: `<file>.lock`, a small SQLite file written
 * once in exclusive locking mode, so that SQLite's own lock on it is held until the connection closes, and
 * released by the operating system when the process ends in any way (a crash or SIGKILL too). Two processes
 * folding one projection file would write every event twice; a second one tries the next file instead.
 */
export class ProjectionFileLock {
  private constructor(
    readonly file: string,
    private readonly db: Database.Database,
  ) {}

  /** The lock on `file`, or null when another process holds it. */
  static tryAcquire(file: string): ProjectionFileLock | null {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(`${file}.lock`, { timeout: 0 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.transaction(() => {
        db.exec('CREATE TABLE IF NOT EXISTS owner (pid INTEGER NOT NULL, since TEXT NOT NULL)');
        db.exec('DELETE FROM owner');
        db.prepare('INSERT INTO owner VALUES (?, ?)').run(process.pid, new Date().toISOString());
      }).exclusive();
      return new ProjectionFileLock(file, db);
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') return null;
      throw error;
    }
  }

  /**
   * The lock on the configured file, or on the first free alternate beside it (each instance keeps a file of
   * its own and finds it again on restart); null when all are held.
   */
  static acquireFree(configured: string): ProjectionFileLock | null {
    const { dir, name, ext } = path.parse(configured);
    for (let n = 1; n <= 1 + ALTERNATES; n++) {
      const file = n === 1 ? configured : path.join(dir, `${name}.${n}${ext}`);
      const lock = ProjectionFileLock.tryAcquire(file);
      if (lock) return lock;
    }
    return null;
  }

  release(): void {
    if (this.db.open) this.db.close();
  }
}
