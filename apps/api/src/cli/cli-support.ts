import { Injectable } from '@nestjs/common';
import { EventStore, kurrentDb, openSqliteEventStore } from '@app/event-store';
import { type AppConfig, loadConfig } from '../config/config';

/** An operator's error: one line on stderr and this exit code (2: usage or configuration). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** The service's configuration, read from the same environment variables, when a command first needs it. */
@Injectable()
export class CliConfig {
  private cached?: AppConfig;

  get(): AppConfig {
    this.cached ??= loadConfig();
    return this.cached;
  }

  /** Where evidence files live: the service's own setting (EVIDENCE_DIR). */
  evidenceDir(): string {
    return this.get().evidence.dir;
  }
}

export const print = (line: string): void => void process.stdout.write(`${line}\n`);
export const note = (line: string): void => void process.stderr.write(`${line}\n`);

export type StoreKind = 'sqlite' | 'kurrentdb';

export interface StoreAddress {
  kind: StoreKind;
  sqlitePath?: string;
  connectionString?: string;
}

/** The configured store's address (EVENT_STORE, SQLITE_PATH, KURRENTDB_CONNECTION_STRING). */
export function configuredStore(config: AppConfig): StoreAddress {
  return config.eventStore === 'kurrentdb'
    ? { kind: 'kurrentdb', connectionString: config.kurrentdbConnectionString }
    : { kind: 'sqlite', sqlitePath: config.sqlitePath };
}

export async function openStore(address: StoreAddress, config?: AppConfig): Promise<EventStore> {
  if (address.kind === 'kurrentdb') {
    if (!address.connectionString)
      throw new CliError('a KurrentDB store needs a connection string (KURRENTDB_CONNECTION_STRING)', 2);
    return kurrentDb().KurrentDbEventStore.fromConnectionString(address.connectionString);
  }
  if (!address.sqlitePath) throw new CliError('a SQLite store needs a file path (SQLITE_PATH)', 2);
  return openSqliteEventStore(address.sqlitePath, { synchronous: config?.sqliteSynchronous ?? 'FULL' });
}

/** Runs `task` with an open store and closes it whatever happens. */
export async function withStore<T>(
  address: StoreAddress,
  task: (store: EventStore) => Promise<T>,
  config?: AppConfig,
): Promise<T> {
  const store = await openStore(address, config);
  try {
    return await task(store);
  } finally {
    await store.close();
  }
}

/** Whether the store holds no event at all. */
export async function isEmptyStore(store: EventStore): Promise<boolean> {
  for await (const _event of store.readAll({ maxCount: 1 })) return false;
  return true;
}

/** `YYYY-MM-DD`, not in the future (evidence dates never are). */
export function parseIsoDate(value: string, option: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new CliError(`${option} must be a date written YYYY-MM-DD (got "${value}")`, 2);
  }
  return value;
}
