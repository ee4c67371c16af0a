/**
 * The KurrentDB adapter: a thin mapping of the port onto @kurrent/kurrentdb-client.
 * Concurrency, idempotent retries (same event ids, same exact expected revision) and the clock
 * are the server's; this class translates shapes and errors, and keeps the port's size limits.
 */
import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START,
  excludeSystemEvents,
  jsonEvent,
  type Position as ClientPosition,
} from '@kurrent/kurrentdb-client';
import {
  ANY,
  EventStore,
  type AppendOptions,
  type AppendResult,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type StoreLag,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { StoreUnavailableError } from '../errors';
import { DEFAULT_SIZE_LIMITS, checkSizes, type SizeLimits } from '../size-limits';
import { connectionStringProblem } from './kurrentdb.connection-string';
import { toSubscription } from './kurrentdb.subscription';
import {
  comparePositions,
  decodePosition,
  encodePosition,
  isStreamNotFound,
  toReadStreamOptions,
  toStoreError,
  toStoredEvent,
  toStreamState,
} from './kurrentdb.mapping';

const KURRENTDB_LAG_CAP = 10_000;

export class KurrentDbEventStore extends EventStore {
  private readonly subscriptions = new Set<Subscription>();
  private readonly limits: SizeLimits;

  constructor(
    private readonly client: KurrentDBClient,
    limits: Partial<SizeLimits> = {},
  ) {
    super();
    this.limits = { ...DEFAULT_SIZE_LIMITS, ...limits };
  }

  /** For example `kurrentdb://localhost:2113?tls=false`. Opens no connection until the first call. */
  static fromConnectionString(connectionString: string, limits: Partial<SizeLimits> = {}): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(connectionString), limits);
  }

  /** What the client's own parser finds wrong with a connection string, or undefined when it accepts it. */
  static connectionStringProblem(connectionString: string): string | undefined {
    return connectionStringProblem(connectionString);
  }

  async append(stream: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const streamState = toStreamState(options.expectedRevision);
    // Refused here, before anything is sent: the same limits, counted the same way, as the SQLite store.
    const serialised = events.map((e) => ({
      ...e,
      data: JSON.stringify(e.data),
      metadata: JSON.stringify(e.metadata),
    }));
    checkSizes(serialised, this.limits);
    // No client-side timestamp in the metadata: recordedAt is the server's `created`.
    const proposed = events.map(({ id, type, data, metadata }) => jsonEvent({ id, type, data, metadata }));
    let result: Awaited<ReturnType<KurrentDBClient['appendToStream']>>;
    try {
      result = await this.client.appendToStream(stream, proposed, { streamState });
    } catch (error) {
      throw toStoreError(error, { stream, expected: options.expectedRevision ?? ANY, events });
    }
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    // One event: the reply's position is that event's. Several events share the write's commit
    // position, and an idempotent retry may carry no position, so ask for the last event's own.
    if (events.length === 1 && result.position) {
      return { nextExpectedRevision, position: encodePosition(result.position) };
    }
    try {
      const position = await this.positionOf(stream, result.nextExpectedRevision);
      return { nextExpectedRevision, position: encodePosition(position) };
    } catch {
      // The write is committed: failing now would invite a retry that writes it twice. Report it done,
      // with the best lower bound of its position known (the write's own, or the start of $all).
      return { nextExpectedRevision, position: encodePosition(result.position ?? { commit: 0n, prepare: 0n }) };
    }
  }

  /** The $all position of one event of a stream, read from the leader so the write is visible. */
  private async positionOf(stream: string, revision: bigint): Promise<ClientPosition> {
    if (revision < 0n) return { commit: 0n, prepare: 0n }; // an empty append to a missing stream
    for await (const resolved of this.client.readStream(stream, {
      fromRevision: revision,
      maxCount: 1,
      requiresLeader: true,
    })) {
      if (resolved.event?.position) return resolved.event.position;
    }
    throw new Error(`KurrentDB could not read back revision ${revision} of ${stream} for its position`);
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    if (options.maxCount === 0) return;
    try {
      for await (const resolved of this.client.readStream(stream, toReadStreamOptions(options))) {
        const event = toStoredEvent(resolved);
        if (event) yield event;
      }
    } catch (error) {
      if (isStreamNotFound(error)) return; // an unknown stream reads as empty
      throw toStoreError(error, { stream });
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    const { fromPosition, maxCount } = options;
    if (maxCount === 0) return;
    // The client's fromPosition is inclusive and ours is exclusive: read one more, skip the checkpoint.
    const limit = maxCount === undefined ? undefined : fromPosition === undefined ? maxCount : maxCount + 1;
    let yielded = 0;
    try {
      const events = this.client.readAll({
        fromPosition: fromPosition === undefined ? START : decodePosition(fromPosition),
        direction: FORWARDS,
        filter: excludeSystemEvents(),
        ...(limit === undefined ? {} : { maxCount: limit }),
      });
      for await (const resolved of events) {
        const event = toStoredEvent(resolved);
        if (!event || (fromPosition !== undefined && comparePositions(event.position, fromPosition) <= 0)) continue;
        yield event;
        if (maxCount !== undefined && ++yielded >= maxCount) return;
      }
    } catch (error) {
      throw toStoreError(error);
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    // Subscription positions are exclusive on the server: the checkpoint itself is not resent.
    const open = (from: Position | undefined) =>
      this.client.subscribeToAll({
        fromPosition: from === undefined ? START : decodePosition(from),
        filter: excludeSystemEvents(),
      });
    const subscription = toSubscription(open, options.fromPosition, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  comparePositions(a: Position, b: Position): number {
    return comparePositions(a, b);
  }

  /** $all positions are byte offsets, not counts: the events are read to count them, so at most 10,000. */
  override lagAfter(checkpoint: Position | null, cap = KURRENTDB_LAG_CAP): Promise<StoreLag> {
    return super.lagAfter(checkpoint, Math.min(cap, KURRENTDB_LAG_CAP));
  }

  /** The cheapest round trip that needs a live server: the last event of $all, if any. */
  async ping(): Promise<void> {
    try {
      for await (const _ of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) {
        break;
      }
    } catch (error) {
      // Any failure of this call (refused, timed out, not authorised) means the store is not usable.
      const mapped = toStoreError(error);
      if (mapped instanceof StoreUnavailableError) throw mapped;
      throw new StoreUnavailableError(
        `KurrentDB ping failed: ${error instanceof Error ? error.message : String(error)}`,
        error,
      );
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }
}
