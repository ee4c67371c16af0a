import type { Database, Statement } from 'better-sqlite3';

/**
 * One table. `position` is the rowid: SQLite assigns max(rowid)+1 on insert, so positions are
 * assigned only inside a committed transaction and a rolled-back or rejected append leaves no gap.
 * The event-id index serves the idempotency check; with time-ordered (UUIDv7) ids its inserts land
 * on the right-most pages instead of dirtying random ones.
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  event_id    TEXT    NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at INTEGER NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE INDEX IF NOT EXISTS events_event_id ON events (event_id);
`;

/** Column order of every read; rows are fetched raw (arrays) to skip building objects twice. */
const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';
export type EventRow = [
  position: number,
  streamId: string,
  revision: number,
  eventId: string,
  type: string,
  data: string,
  metadata: string,
  recordedAt: number,
];

export interface SqliteStatements {
  /** Revision of an event id in a stream (idempotency). */
  findEvent: Statement<[string, string], number>;
  /** Highest revision of a stream, or null. */
  streamRevision: Statement<[string], number | null>;
  /** Position of a stream's last event (for an empty append's result). */
  streamLastPosition: Statement<[string], number>;
  /** [event_id, position] of `limit` events from a revision on (to confirm a retry). */
  streamSlice: Statement<[string, number, number], [string, number]>;
  insert: Statement<[string, number, string, string, string, string, number]>;
  readForwards: Statement<[string, number, number], EventRow>;
  readBackwards: Statement<[string, number, number], EventRow>;
  /** Every event of the streams a JSON array names, by stream then revision. */
  readStreams: Statement<[string], EventRow>;
  readAll: Statement<[number, number], EventRow>;
  ping: Statement<[], number>;
  /** The last position, or null when empty. */
  head: Statement<[], number | null>;
  /** Changes whenever another connection commits to the file (SQLite's cheap cross-process signal). */
  dataVersion: Statement<[], number>;
}

export function prepareStatements(db: Database): SqliteStatements {
  return {
    // INDEXED BY: without statistics the planner could pick the (stream_id, revision) index instead.
    findEvent: db
      .prepare<[string, string], number>(
        'SELECT revision FROM events INDEXED BY events_event_id WHERE event_id = ? AND stream_id = ?',
      )
      .pluck(),
    streamRevision: db.prepare<[string], number | null>('SELECT MAX(revision) FROM events WHERE stream_id = ?').pluck(),
    streamLastPosition: db
      .prepare<[string], number>('SELECT position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
      .pluck(),
    streamSlice: db
      .prepare<[string, number, number], [string, number]>(
        'SELECT event_id, position FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
      )
      .raw(),
    insert: db.prepare(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    readForwards: db
      .prepare<[string, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      )
      .raw(),
    readBackwards: db
      .prepare<[string, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      )
      .raw(),
    readStreams: db
      .prepare<[string], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id IN (SELECT value FROM json_each(?))
         ORDER BY stream_id, revision`,
      )
      .raw(),
    readAll: db
      .prepare<[number, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
      .raw(),
    ping: db.prepare<[], number>('SELECT 1').pluck(),
    head: db.prepare<[], number | null>('SELECT MAX(position) FROM events').pluck(),
    dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
  };
}
