import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreUnavailableError } from '../errors';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';

/**
 * Opens (and creates if needed) the SQLite event store at `path`, making its directory first.
 * Any failure (a read-only or unreachable directory, a file that is not a database) becomes one
 * StoreUnavailableError that names the path. Synchronous, like the open itself, so that it can
 * serve directly as a Nest provider factory.
 */
export function openSqliteEventStore(
  path: string,
  options: Omit<SqliteEventStoreOptions, 'path'> = {},
): SqliteEventStore {
  if (path !== ':memory:' && path !== '') {
    const directory = dirname(resolve(path));
    try {
      mkdirSync(directory, { recursive: true });
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new StoreUnavailableError(
        `Cannot create the directory '${directory}' for the SQLite event store (${reason})`,
        error,
      );
    }
  }
  return new SqliteEventStore({ ...options, path });
}
