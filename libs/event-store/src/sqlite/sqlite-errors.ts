import { StoreUnavailableError } from '../errors';

// Result codes (primary and extended) that mean "the store cannot serve us", not "you asked wrongly".
const UNAVAILABLE_CODES =
  /^SQLITE_(CANTOPEN|READONLY|FULL|IOERR|BUSY|LOCKED|CORRUPT|NOTADB|PERM|PROTOCOL|AUTH|NOLFS|NOMEM)/;

/** Maps a better-sqlite3 failure to StoreUnavailableError; anything else (a bug) passes through. */
export function toStoreError(error: unknown, what: string): unknown {
  if (error instanceof StoreUnavailableError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && UNAVAILABLE_CODES.test(code)) {
    return new StoreUnavailableError(`SQLite event store: ${what} failed (${code}: ${message})`, error);
  }
  if (error instanceof TypeError && /connection is not open/.test(message)) return closedStoreError();
  return error;
}

export function closedStoreError(): StoreUnavailableError {
  return new StoreUnavailableError('SQLite event store is closed');
}
