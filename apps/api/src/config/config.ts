import * as fs from 'node:fs';
import * as path from 'node:path';
import { kurrentDb } from '@app/event-store';
import type { GraphQLLimits } from '../graphql/limits';
import { EVIDENCE_TYPE_NAMES, type EvidenceTypeName } from '../evidence/media-types';

/** The service's configuration, read once from the environment and validated at start. */
export interface AppConfig {
  eventStore: 'sqlite' | 'kurrentdb';
  sqlitePath: string;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** This instance's projection file (the read side on disk, libs/read-store); ':memory:' with an in-memory store. */
  projectionsDb: string;
  kurrentdbConnectionString?: string;
  port: number;
  host: string;
  production: boolean;
  /** How long a mutation waits for its effect to be visible to queries (read-your-writes). */
  readYourWritesTimeoutMs: number;
  referenceDataDir: string;
  /** Lowest log level printed: debug, log, warn or error. */
  logLevel: 'debug' | 'log' | 'warn' | 'error';
  /** JSON lines, or pino-pretty's readable lines; `auto`: readable in development on a terminal. */
  logFormat: 'auto' | 'json' | 'pretty';
  /** A bearer token that may read /metrics (besides ADMIN API tokens). */
  metricsToken?: string;
  /** The SQLite file of API tokens (hashes only): credentials, kept out of the event log. */
  tokensPath: string;
  /** Where the first admin token is written (mode 0600) when the service starts with no admin token. */
  adminTokenFile: string;
  /** A token to register as an admin token at start (automation); stored hashed. */
  adminToken?: string;
  /** Queries and subscriptions without a token (mutations always need one). */
  publicRead: boolean;
  /** Largest request body Fastify accepts, in bytes. */
  bodyLimitBytes: number;
  graphqlLimits: GraphQLLimits;
  /**
   * GRAPHQL_JIT (default 2): once the same query text has run this many times, it is compiled to JavaScript
   * (graphql-jit, in the background) and runs compiled from then on; 0 never compiles (graphql-js runs every request).
   */
  graphqlJit: number;
  /** Lists as of a new date waiting while one is read from the projection file; any more is UNAVAILABLE. */
  maxQueuedReplays: number;
  evidence: EvidenceConfig;
  /** The built web page served at `/` (vite's output). */
  webDir: string;
}

/** Evidence files: stored by content under `dir` (see apps/api/src/evidence). */
export interface EvidenceConfig {
  dir: string;
  maxBytes: number;
  /** Short names from EVIDENCE_TYPES (pdf, png, ...): what an upload may be, judged from its bytes. */
  allowedTypes: EvidenceTypeName[];
  /** With PUBLIC_READ, whether files open without a token too. */
  publicRead: boolean;
  /** An upload that sends nothing for this long is cut, and its temporary file removed. */
  uploadIdleMs: number;
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

function flag(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false (got "${value}")`);
}

/** An optional secret: 32 to 512 printable characters. */
function secret(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^[\x21-\x7e]{32,512}$/.test(value)) {
    throw new ConfigError(
      `${name} must be 32 to 512 printable characters without spaces (use e.g. \`openssl rand -base64 32\`)`,
    );
  }
  return value;
}

/** Tokens live next to the event store's SQLite file (also with EVENT_STORE=kurrentdb: a local file). */
function tokenPaths(
  env: NodeJS.ProcessEnv,
  sqlitePath: string,
): { tokensPath: string; adminTokenFile: string; adminToken?: string } {
  const dataDir = sqlitePath === ':memory:' ? path.join(repoRoot, 'data') : path.dirname(sqlitePath);
  const tokensPath = env.TOKENS_PATH || (sqlitePath === ':memory:' ? ':memory:' : path.join(dataDir, 'tokens.db'));
  const adminToken = env.ADMIN_TOKEN || undefined;
  if (adminToken !== undefined && !/^[\x21-\x7e]{32,512}$/.test(adminToken)) {
    throw new ConfigError(
      'ADMIN_TOKEN must be 32 to 512 printable characters without spaces (use e.g. `openssl rand -base64 32`)',
    );
  }
  const tokensDir = tokensPath === ':memory:' ? dataDir : path.dirname(tokensPath);
  return { tokensPath, adminTokenFile: env.ADMIN_TOKEN_FILE || path.join(tokensDir, 'admin-token'), adminToken };
}

/**
 * The projection file: next to the event store's SQLite file by default (also with KurrentDB: each instance
 * keeps its own file there); in memory with an in-memory store. It is rebuilt and swapped as a whole, so it
 * may never be the event store's own file, nor the tokens'.
 */
function projectionsDb(value: string | undefined, sqlitePath: string, tokensPath: string): string {
  if (value === undefined || value === '') {
    return sqlitePath === ':memory:' ? ':memory:' : path.join(path.dirname(sqlitePath), 'projections.db');
  }
  if (value === ':memory:') return value;
  const resolved = path.resolve(value);
  for (const [name, taken] of [
    ['SQLITE_PATH', sqlitePath],
    ['TOKENS_PATH', tokensPath],
  ]) {
    if (taken !== ':memory:' && resolved === path.resolve(taken))
      throw new ConfigError(`PROJECTIONS_DB must be a file of its own, not ${name}'s (got "${value}")`);
  }
  if (value.endsWith('/') || (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory())) {
    throw new ConfigError(`PROJECTIONS_DB must name a file, not a directory (got "${value}")`);
  }
  return resolved;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const eventStore = oneOf('EVENT_STORE', env.EVENT_STORE, ['sqlite', 'kurrentdb'] as const, 'sqlite');
  const kurrentdbConnectionString = env.KURRENTDB_CONNECTION_STRING || undefined;
  if (eventStore === 'kurrentdb') {
    if (!kurrentdbConnectionString) {
      throw new ConfigError('KURRENTDB_CONNECTION_STRING is required when EVENT_STORE=kurrentdb');
    }
    // The client's own parser: exactly what it will accept at start, no hand-kept copy of its schemes.
    const problem = kurrentDb().KurrentDbEventStore.connectionStringProblem(kurrentdbConnectionString);
    if (problem !== undefined) {
      const got = `got "${kurrentdbConnectionString}": ${problem}`;
      throw new ConfigError(`KURRENTDB_CONNECTION_STRING must look like kurrentdb://host:2113?tls=false (${got})`);
    }
  }
  const sqlitePath = env.SQLITE_PATH || path.join(repoRoot, 'data', 'registry.db');
  const tokens = tokenPaths(env, sqlitePath);
  const production =
    oneOf('NODE_ENV', env.NODE_ENV, ['development', 'production', 'test'] as const, 'development') === 'production';
  return {
    eventStore,
    sqlitePath,
    sqliteSynchronous: oneOf('SQLITE_SYNCHRONOUS', env.SQLITE_SYNCHRONOUS, ['FULL', 'NORMAL'] as const, 'FULL'),
    projectionsDb: projectionsDb(env.PROJECTIONS_DB, sqlitePath, tokens.tokensPath),
    kurrentdbConnectionString,
    port: integer('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    production,
    readYourWritesTimeoutMs: integer('READ_YOUR_WRITES_TIMEOUT_MS', env.READ_YOUR_WRITES_TIMEOUT_MS, 5000, 1, 600000),
    referenceDataDir: env.REFERENCE_DATA_DIR || path.join(repoRoot, 'data', 'reference'),
    logLevel: oneOf('LOG_LEVEL', env.LOG_LEVEL, ['debug', 'log', 'warn', 'error'] as const, 'log'),
    logFormat: oneOf('LOG_FORMAT', env.LOG_FORMAT, ['auto', 'json', 'pretty'] as const, 'auto'),
    metricsToken: secret('METRICS_TOKEN', env.METRICS_TOKEN),
    ...tokens,
    publicRead: flag('PUBLIC_READ', env.PUBLIC_READ, false),
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', env.BODY_LIMIT_BYTES, 1_048_576, 1024, 104_857_600),
    graphqlLimits: {
      maxDepth: integer('GRAPHQL_MAX_DEPTH', env.GRAPHQL_MAX_DEPTH, 12, 1, 100),
      maxCost: integer('GRAPHQL_MAX_COST', env.GRAPHQL_MAX_COST, 200_000, 1, 10_000_000),
      maxAliases: integer('GRAPHQL_MAX_ALIASES', env.GRAPHQL_MAX_ALIASES, 30, 0, 1000),
      maxFirst: integer('GRAPHQL_MAX_FIRST', env.GRAPHQL_MAX_FIRST, 500, 1, 500),
      introspection: !production,
    },
    graphqlJit: integer('GRAPHQL_JIT', env.GRAPHQL_JIT, 2, 0, 1_000_000),
    maxQueuedReplays: integer('MAX_QUEUED_REPLAYS', env.MAX_QUEUED_REPLAYS, 16, 0, 10_000),
    evidence: evidenceConfig(env, sqlitePath),
    webDir: env.WEB_DIR || path.join(repoRoot, 'dist', 'web'),
  };
}

const DEFAULT_EVIDENCE_TYPES: EvidenceTypeName[] = ['pdf', 'png', 'jpeg', 'webp', 'gif', 'tiff', 'mp4', 'mov', 'webm'];

/** Files live next to the event store's directory by default (data/evidence), like the tokens. */
function evidenceConfig(env: NodeJS.ProcessEnv, sqlitePath: string): EvidenceConfig {
  const dataDir = sqlitePath === ':memory:' ? path.join(repoRoot, 'data') : path.dirname(sqlitePath);
  const listed = (env.EVIDENCE_ALLOWED_TYPES ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  const unknown = listed.find((t) => !(EVIDENCE_TYPE_NAMES as readonly string[]).includes(t));
  if (unknown) {
    throw new ConfigError(`EVIDENCE_ALLOWED_TYPES may list ${EVIDENCE_TYPE_NAMES.join(', ')} (got "${unknown}")`);
  }
  return {
    dir: path.resolve(env.EVIDENCE_DIR || path.join(dataDir, 'evidence')),
    maxBytes: integer('EVIDENCE_MAX_BYTES', env.EVIDENCE_MAX_BYTES, 200 * 1_048_576, 1, 2 ** 40),
    allowedTypes: listed.length ? [...new Set(listed as EvidenceTypeName[])] : DEFAULT_EVIDENCE_TYPES,
    publicRead: flag('EVIDENCE_PUBLIC_READ', env.EVIDENCE_PUBLIC_READ, false),
    uploadIdleMs: integer('EVIDENCE_UPLOAD_IDLE_MS', env.EVIDENCE_UPLOAD_IDLE_MS, 60_000, 100, 3_600_000),
  };
}
