import * as fs from 'node:fs';
import * as path from 'node:path';

/** The service's configuration, read once from the environment and validated at start. */
export interface AppConfig {
  eventStore: 'sqlite' | 'kurrentdb';
  sqlitePath: string;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  kurrentdbConnectionString?: string;
  port: number;
  host: string;
  production: boolean;
  /** How long a mutation waits for its effect to be visible to queries (read-your-writes). */
  readYourWritesTimeoutMs: number;
  referenceDataDir: string;
  /** Lowest log level printed: debug, log, warn or error. */
  logLevel: 'debug' | 'log' | 'warn' | 'error';
}

export class ConfigError extends Error {}

/** The project root, found from this file whether it runs from source (tests) or from dist/. */
function findRepoRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
const repoRoot = findRepoRoot(__dirname);

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got "${value}")`);
  }
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const eventStore = oneOf('EVENT_STORE', env.EVENT_STORE, ['sqlite', 'kurrentdb'] as const, 'sqlite');
  const kurrentdbConnectionString = env.KURRENTDB_CONNECTION_STRING || undefined;
  if (eventStore === 'kurrentdb') {
    if (!kurrentdbConnectionString) {
      throw new ConfigError('KURRENTDB_CONNECTION_STRING is required when EVENT_STORE=kurrentdb');
    }
    if (!/^(kurrentdb|kdb|esdb|eventstoredb)(\+discover)?:\/\/\S+$/.test(kurrentdbConnectionString)) {
      throw new ConfigError(`KURRENTDB_CONNECTION_STRING must look like kurrentdb://host:2113?tls=false (got "${kurrentdbConnectionString}")`);
    }
  }
  return {
    eventStore,
    sqlitePath: env.SQLITE_PATH || path.join(repoRoot, 'data', 'registry.db'),
    sqliteSynchronous: oneOf('SQLITE_SYNCHRONOUS', env.SQLITE_SYNCHRONOUS, ['FULL', 'NORMAL'] as const, 'FULL'),
    kurrentdbConnectionString,
    port: integer('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    production: oneOf('NODE_ENV', env.NODE_ENV, ['development', 'production', 'test'] as const, 'development') === 'production',
    readYourWritesTimeoutMs: integer('READ_YOUR_WRITES_TIMEOUT_MS', env.READ_YOUR_WRITES_TIMEOUT_MS, 5000, 1, 600000),
    referenceDataDir: env.REFERENCE_DATA_DIR || path.join(repoRoot, 'data', 'reference'),
    logLevel: oneOf('LOG_LEVEL', env.LOG_LEVEL, ['debug', 'log', 'warn', 'error'] as const, 'log'),
  };
}
