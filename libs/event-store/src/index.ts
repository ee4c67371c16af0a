export * from './event-store.port';
export * from './errors';
export { DEFAULT_SIZE_LIMITS, MAX_APPEND_BYTES, eventSize, type SizeLimits } from './size-limits';
export { uuidv7 } from './uuid';
export {
  SqliteEventStore,
  type SqliteEventStoreOptions,
  type SqliteEventStoreStats,
  type SqliteCommit,
} from './sqlite/sqlite-event-store';
export { openSqliteEventStore } from './sqlite/open-sqlite-event-store';
export { KurrentDbEventStore } from './kurrentdb/kurrentdb.event-store';
