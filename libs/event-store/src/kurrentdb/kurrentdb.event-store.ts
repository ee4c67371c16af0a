/**
 * The KurrentDB adapter: a thin mapping of the port onto @kurrent/kurrentdb-client.
 * Concurrency, idempotent retries (same event ids, same expected revision) and the clock
 * are the server's; this class only translates shapes and errors.
 */
import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamSubscription,
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

  constructor(private readonly client: KurrentDBClient) {
    super();
  }

  /** For example `kurrentdb://localhost:2113?tls=false`. Opens no connection until the first call. */
  static fromConnectionString(connectionString: string): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(connectionString));
  }

  async append(stream: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const streamState = toStreamState(options.expectedRevision);
    // No client-side timestamp in the metadata: recordedAt is the server's `created`.
    const proposed = events.map(({ id, type, data, metadata }) => jsonEvent({ id, type, data, metadata }));
    try {
      const result = await this.client.appendToStream(stream, proposed, { streamState });
      const nextExpectedRevision = Number(result.nextExpectedRevision);
      // One event: the reply's position is that event's. Several events share the write's commit
      // position, and an idempotent retry may carry no position, so ask for the last event's own.
      const position =
        events.length === 1 && result.position ? result.position : await this.positionOf(stream, result.nextExpectedRevision);
      return { nextExpectedRevision, position: encodePosition(position) };
    } catch (error) {
      throw toStoreError(error, { stream, expected: options.expectedRevision ?? ANY, events });
    }
  }

  /** The $all position of one event of a stream, read from the leader so the write is visible. */
  private async positionOf(stream: string, revision: bigint): Promise<ClientPosition> {
    if (revision < 0n) return { commit: 0n, prepare: 0n }; // an empty append to a missing stream
    for await (const resolved of this.client.readStream(stream, { fromRevision: revision, maxCount: 1, requiresLeader: true })) {
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
    const { fromPosition } = options;
    // Subscription positions are exclusive on the server: the checkpoint itself is not resent.
    const upstream = this.client.subscribeToAll({
      fromPosition: fromPosition === undefined ? START : decodePosition(fromPosition),
      filter: excludeSystemEvents(),
    });
    const subscription = toSubscription(upstream, fromPosition, () => this.subscriptions.delete(subscription));
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
      throw new StoreUnavailableError(`KurrentDB ping failed: ${error instanceof Error ? error.message : String(error)}`, error);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }
}

/** Wraps the client's Readable subscription: maps events and errors, and ends quietly on close(). */
function toSubscription(upstream: AllStreamSubscription, checkpoint: Position | undefined, onClose: () => void): Subscription {
  let closed = false;
  let last = checkpoint;
  // The client emits 'error' by hand: without a listener an early failure would crash the process,
  // and an iterator started after it would wait forever. Keep it and rethrow it on iteration.
  let failure: Error | undefined;
  upstream.on('error', (error) => {
    failure ??= error;
  });
  return {
    async *[Symbol.asyncIterator]() {
      try {
        if (failure !== undefined) throw failure;
        for await (const resolved of upstream) {
          const event = toStoredEvent(resolved);
          // Belt and braces: never deliver the checkpoint (or anything before it) twice.
          if (!event || (last !== undefined && comparePositions(event.position, last) <= 0)) continue;
          last = event.position;
          yield event;
        }
      } catch (error) {
        if (closed) return;
        throw toStoreError(error);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      onClose();
      try {
        await upstream.unsubscribe();
      } catch {
        // The call never started (no channel): there is nothing to cancel.
      } finally {
        upstream.destroy();
      }
    },
  };
}
