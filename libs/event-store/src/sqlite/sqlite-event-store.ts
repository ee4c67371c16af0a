import Database from 'better-sqlite3';
import { ConcurrencyConflictError, StoreUnavailableError } from '../errors';
import {
  ANY,
  checkExpectedRevision,
  EventStore,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendOptions,
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type StoreLag,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { DEFAULT_SIZE_LIMITS, checkSizes, type SerialisedEvent, type SizeLimits } from '../size-limits';
import { closedStoreError, toStoreError } from './sqlite-errors';
import { compareSqlitePositions, parseSqlitePosition } from './sqlite-positions';
import { pagedBatches, pagedEvents, toStoredEvent } from './sqlite-rows';
import { SCHEMA, prepareStatements, type EventRow, type SqliteStatements } from './sqlite-schema';
import { SqliteCommitWatch } from './sqlite-commit-watch';
import { SqliteSubscription } from './sqlite-subscription';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:'. */
  path: string;
  /** FULL (default) fsyncs every commit: an acknowledged write survives a power cut. */
  synchronous?: 'FULL' | 'NORMAL';
  /** Largest event and largest append, counted as KurrentDB counts them. Default: KurrentDB's 1 MiB for both. */
  limits?: Partial<SizeLimits>;
  /**
   * How often live subscriptions look for commits made by other connections (another process, a CLI
   * import, a restore): `PRAGMA data_version` on this connection, a few microseconds. Default 250 ms.
   */
  foreignCommitPollMs?: number;
  /** Told after each group commit (for metrics); a hook that throws is ignored, never fails an append. */
  onCommit?: (commit: SqliteCommit) => void;
}

/** One group commit: how many appends joined it, and how many of them (and how many events) were written. */
export interface SqliteCommit {
  batchSize: number;
  appends: number;
  events: number;
}

export interface SqliteEventStoreStats {
  /** Write transactions run (one per group commit). */
  commits: number;
  /** Appends that wrote events. */
  appends: number;
  events: number;
  /** The connection's durability setting, read back from SQLite. */
  synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
}

type EncodedEvent = SerialisedEvent;

interface PendingAppend {
  stream: string;
  events: EncodedEvent[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

const DEFAULT_FOREIGN_COMMIT_POLL_MS = 250;
const SYNCHRONOUS_NAMES = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;

/**
 * The embedded event store. Appends are group-committed: every append that arrives before the
 * next turn of the event loop joins one transaction (one fsync), and each is checked against its
 * own expected revision, in arrival order, before anything of it is inserted.
 */
export class SqliteEventStore extends EventStore {
  private readonly db: Database.Database;
  private readonly statements: SqliteStatements;
  private readonly limits: SizeLimits;
  private readonly onCommit?: (commit: SqliteCommit) => void;
  private readonly commitBatch: (batch: PendingAppend[], outcomes: (AppendResult | Error)[]) => void;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly commitWatch: SqliteCommitWatch;
  private queue: PendingAppend[] = [];
  private flushHandle: NodeJS.Immediate | undefined;
  private closed = false;
  private counters = { commits: 0, appends: 0, events: 0 };

  constructor(options: SqliteEventStoreOptions) {
    super();
    this.limits = { ...DEFAULT_SIZE_LIMITS, ...options.limits };
    this.onCommit = options.onCommit;
    let db: Database.Database | undefined;
    try {
      db = new Database(options.path, { timeout: 5000 });
      db.pragma('journal_mode = WAL');
      // Explicitly on every open: a connection reopening a WAL database starts at NORMAL.
      db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
      db.exec(SCHEMA);
      this.statements = prepareStatements(db);
    } catch (error) {
      db?.close();
      // Everything here is opening the file (the schema is constant): any failure means "unavailable".
      throw new StoreUnavailableError(
        `Cannot open the SQLite event store at '${options.path}': ${errorText(error)}`,
        error,
      );
    }
    this.db = db;
    // Nobody else can write to a private in-memory database.
    const pollMs =
      options.path === ':memory:' || options.path === ''
        ? 0
        : (options.foreignCommitPollMs ?? DEFAULT_FOREIGN_COMMIT_POLL_MS);
    this.commitWatch = new SqliteCommitWatch(
      () => this.statements.dataVersion.get() ?? 0,
      pollMs,
      () => this.notifySubscriptions(),
    );
    // better-sqlite3's transaction variants are bound functions:
    // eslint-disable-next-line @typescript-eslint/unbound-method
    this.commitBatch = db.transaction((batch: PendingAppend[], outcomes: (AppendResult | Error)[]) => {
      const recordedAt = Date.now(); // the store's clock, once per commit
      for (let i = 0; i < batch.length; i++) outcomes[i] = this.applyAppend(batch[i], recordedAt);
    }).immediate;
  }

  append(stream: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    if (this.closed) return Promise.reject(closedStoreError());
    let encoded: EncodedEvent[];
    try {
      checkExpectedRevision(options.expectedRevision);
      encoded = events.map(encode);
      checkSizes(encoded, this.limits);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ stream, events: encoded, expected: options.expectedRevision ?? ANY, resolve, reject });
      this.flushHandle ??= setImmediate(this.flush);
    });
  }

  readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    let next = from === 'start' ? 0 : from === 'end' ? Number.MAX_SAFE_INTEGER : from;
    return pagedEvents(options.maxCount ?? Infinity, (limit) => {
      if (next < 0) return [];
      const rows = this.query(() =>
        (backwards ? this.statements.readBackwards : this.statements.readForwards).all(stream, next, limit),
      );
      if (rows.length > 0) next = rows[rows.length - 1][2] + (backwards ? -1 : 1);
      return rows;
    });
  }

  /** One query for them all: a page of statements' words costs one lookup per stream, not one read each. */
  override async readStreams(streams: readonly string[]): Promise<Map<string, StoredEvent[]>> {
    const rows = this.query(() => this.statements.readStreams.all(JSON.stringify(streams)));
    const read = new Map<string, StoredEvent[]>(streams.map((stream) => [stream, []]));
    for (const row of rows) read.get(row[1])!.push(toStoredEvent(row));
    return read;
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    return pagedEvents(options.maxCount ?? Infinity, this.pagesOfAll(options));
  }

  /** The pages it reads anyway, each handed over whole. */
  override readAllBatches(options: ReadAllOptions = {}): AsyncIterable<StoredEvent[]> {
    return pagedBatches(options.maxCount ?? Infinity, this.pagesOfAll(options));
  }

  /** Fetches the next page of `$all` after a keyset cursor it keeps. */
  private pagesOfAll(options: ReadAllOptions): (limit: number) => EventRow[] {
    let after = options.fromPosition === undefined ? 0 : parseSqlitePosition(options.fromPosition);
    return (limit) => {
      const rows = this.readAfter(after, limit);
      if (rows.length > 0) after = rows[rows.length - 1][0];
      return rows;
    };
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    if (this.closed) throw closedStoreError();
    const after = options.fromPosition === undefined ? 0 : parseSqlitePosition(options.fromPosition);
    const subscription = new SqliteSubscription(
      { readAfter: (position, limit) => this.readAfter(position, limit), detach: (s) => this.detach(s) },
      after,
    );
    this.subscriptions.add(subscription);
    this.commitWatch.start();
    return subscription;
  }

  private detach(subscription: SqliteSubscription): void {
    this.subscriptions.delete(subscription);
    if (this.subscriptions.size === 0) this.commitWatch.stop();
  }

  private notifySubscriptions(): void {
    for (const subscription of this.subscriptions) subscription.notify();
  }

  comparePositions(a: Position, b: Position): number {
    return compareSqlitePositions(a, b);
  }

  async ping(): Promise<void> {
    this.query(() => this.statements.ping.get());
  }

  /**
   * Positions are the rowid and have no gaps (see SCHEMA), so the lag is the head minus the checkpoint: one
   * lookup, whatever the lag. A count would read every position after the checkpoint, and /health/ready asks
   * this a few times a second while a large store is caught up.
   */
  override async lagAfter(checkpoint: Position | null, cap = 100_000): Promise<StoreLag> {
    const after = checkpoint === null ? 0 : parseSqlitePosition(checkpoint);
    const head = this.query(() => this.statements.head.get()) ?? null;
    const events = head === null ? 0 : Math.max(0, head - after);
    if (events > cap) return { events: cap, exact: false, head: null };
    return { events, exact: true, head: head === null ? null : String(head) };
  }

  /** Flushes appends still waiting for their group commit, ends subscriptions, closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.flushHandle !== undefined) {
      clearImmediate(this.flushHandle);
      this.flush();
    }
    this.closed = true;
    this.commitWatch.stop();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.db.close();
  }

  /**
   * A consistent copy of the file at `destination` while it stays in use (SQLite's online backup API):
   * appends go on during the copy, and the copy holds the store as of one commit.
   */
  async backup(destination: string): Promise<void> {
    if (this.closed) throw closedStoreError();
    await this.db.backup(destination);
  }

  stats(): SqliteEventStoreStats {
    const level = this.query(() => this.db.pragma('synchronous', { simple: true })) as number;
    return { ...this.counters, synchronous: SYNCHRONOUS_NAMES[level] };
  }

  private readonly flush = (): void => {
    this.flushHandle = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const outcomes = new Array<AppendResult | Error>(batch.length);
    const before = { appends: this.counters.appends, events: this.counters.events };
    try {
      this.commitBatch(batch, outcomes);
    } catch (error) {
      // The whole transaction rolled back: nothing of this batch was written.
      const failure = toStoreError(error, 'append');
      for (const pending of batch) pending.reject(failure);
      return;
    }
    this.counters.commits++;
    this.reportCommit(batch.length, this.counters.appends - before.appends, this.counters.events - before.events);
    for (let i = 0; i < batch.length; i++) {
      const outcome = outcomes[i];
      if (outcome instanceof Error) batch[i].reject(outcome);
      else batch[i].resolve(outcome);
    }
    this.notifySubscriptions();
  };

  private reportCommit(batchSize: number, appends: number, events: number): void {
    try {
      this.onCommit?.({ batchSize, appends, events });
    } catch {
      // Metrics must never fail a write that is already committed.
    }
  }

  /** Runs inside the batch transaction. Returns (never throws) a conflict so the others commit. */
  private applyAppend(pending: PendingAppend, recordedAt: number): AppendResult | Error {
    const { stream, events, expected } = pending;
    const s = this.statements;
    const current = s.streamRevision.get(stream) ?? -1;
    if (events.length > 0) {
      const firstRevision = s.findEvent.get(events[0].id, stream);
      if (firstRevision !== undefined) return this.retryResult(pending, firstRevision, current);
    }
    if (!satisfies(expected, current)) {
      return new ConcurrencyConflictError(stream, expected, current < 0 ? NO_STREAM : current);
    }
    if (events.length === 0) {
      return { nextExpectedRevision: current, position: String(s.streamLastPosition.get(stream) ?? 0) };
    }
    let revision = current;
    let position: number | bigint = 0;
    for (const event of events) {
      revision++;
      position = s.insert.run(
        stream,
        revision,
        event.id,
        event.type,
        event.data,
        event.metadata,
        recordedAt,
      ).lastInsertRowid;
    }
    this.counters.appends++;
    this.counters.events += events.length;
    return { nextExpectedRevision: revision, position: String(position) };
  }

  /** The first event id is already in the stream: a retry if all ids match what was written. */
  private retryResult(pending: PendingAppend, firstRevision: number, current: number): AppendResult | Error {
    const { stream, events, expected } = pending;
    const written = this.statements.streamSlice.all(stream, firstRevision, events.length);
    const same = written.length === events.length && written.every(([id], i) => id === events[i].id);
    if (!same) return new ConcurrencyConflictError(stream, expected, current);
    return {
      nextExpectedRevision: firstRevision + events.length - 1,
      position: String(written[written.length - 1][1]),
    };
  }

  private readAfter(position: number, limit: number): EventRow[] {
    return this.query(() => this.statements.readAll.all(position, limit));
  }

  private query<T>(run: () => T): T {
    if (this.closed) throw closedStoreError();
    try {
      return run();
    } catch (error) {
      throw toStoreError(error, 'read');
    }
  }
}

function encode(event: NewEvent): EncodedEvent {
  return { id: event.id, type: event.type, data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata) };
}

function satisfies(expected: ExpectedRevision, current: number): boolean {
  if (typeof expected === 'number') return expected === current;
  switch (expected) {
    case NO_STREAM:
      return current === -1;
    case STREAM_EXISTS:
      return current >= 0;
    case ANY:
      return true;
    default: {
      const _exhaustive: never = expected;
      return _exhaustive;
    }
  }
}

function errorText(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' ? `${code}: ${message}` : message;
}
