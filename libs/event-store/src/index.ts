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
export type { KurrentDbEventStore } from './kurrentdb/kurrentdb.event-store';

type KurrentDbAdapter = typeof import('./kurrentdb/kurrentdb.event-store');

/**
 * The KurrentDB adapter, loaded when first asked for: its client takes about 0.3 s to load, which the embedded
 * store's deployments (and every test and command-line run on it) need not pay before listening.
 */
export function kurrentDb(): KurrentDbAdapter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./kurrentdb/kurrentdb.event-store') as KurrentDbAdapter;
}
