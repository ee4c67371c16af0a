/**
 * The event-store port. An abstract class so that it is also the Nest injection token.
 * Revisions count the KurrentDB way in every adapter: a stream's first event is revision 0.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface EventMetadata {
  /** Who caused the event: the holder of the API token, or "system". */
  actor: string;
  correlationId: string;
  causationId?: string;
  /** Schema version of the event's data, so that later changes are upcast, never rewritten. */
  schemaVersion?: number;
  /** Any further keys (for example the idempotency key of the command). */
  [key: string]: JsonValue | undefined;
}

/** An event as a caller hands it to `append`. */
export interface NewEvent {
  /**
   * A UUID. Appending the same ids to the same stream again with the exact expected revision (a number,
   * or no_stream) of the append that wrote them is a retry: it writes nothing and returns that append's
   * result, on every store. With `any`, `stream_exists` or a revision read after the write, a store may
   * write them again (KurrentDB does when the revision is the stream's current one, and dedupes the
   * other two only from a cache of recent ids): a caller that retries passes the revision it decided on.
   */
  id: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
}

/**
 * An opaque, totally ordered cursor into `$all`. Compare with `comparePositions`, never by hand.
 * SQLite: the decimal global sequence number. KurrentDB: "<commit>/<prepare>".
 */
export type Position = string;

export interface StoredEvent {
  id: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
  stream: string;
  revision: number;
  position: Position;
  /** The store's clock at commit time, never the client's. */
  recordedAt: Date;
  /**
   * Set (to the reason) when the store holds this event in a form the port cannot represent: binary
   * data, or data or metadata that is not a JSON object (another application wrote it). `data` and
   * `metadata` are then empty. Consumers skip such an event and report it, as they do an unknown type.
   */
  unreadable?: string;
}

export const NO_STREAM = 'no_stream';
export const STREAM_EXISTS = 'stream_exists';
export const ANY = 'any';
export type ExpectedRevision = typeof NO_STREAM | typeof STREAM_EXISTS | typeof ANY | number;

/** A number expected is a revision, a non-negative integer (a stream yet to be is NO_STREAM): else a RangeError. */
export function checkExpectedRevision(expected: ExpectedRevision | undefined): void {
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new RangeError(`expectedRevision must be a non-negative integer, got ${expected}`);
  }
}

/**
 * Every store refuses, with EventTooLargeError and before writing anything, an event or an append over
 * its size limits (see size-limits.ts: 1 MiB each by default, KurrentDB's default largest append).
 */
export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the last event now in the stream (the revision the next append should expect). */
  nextExpectedRevision: number;
  /**
   * The global position of the last event written. When a store cannot tell it after a committed write
   * (KurrentDB: the read-back failed), the best lower bound it knows: the append never fails then.
   */
  position: Position;
}

export interface ReadStreamOptions {
  fromRevision?: number | 'start' | 'end';
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omit to read from the start. */
  fromPosition?: Position;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: the position of the last event already processed. */
  fromPosition?: Position;
}

/** A live subscription: iterate it; `close()` ends it. */
export interface Subscription extends AsyncIterable<StoredEvent> {
  close(): Promise<void>;
}

/** How far a reader at a checkpoint is behind the end of `$all`. */
export interface StoreLag {
  /** Events after the checkpoint, counted up to the cap asked for. */
  events: number;
  /** False when the count stopped at the cap (there are at least `events`). */
  exact: boolean;
  /** The position of the last event in `$all`; null when the store is empty or the count stopped at the cap. */
  head: Position | null;
}

/** Events per page of `readAllBatches` (at most). */
export const READ_BATCH_SIZE = 1000;

export abstract class EventStore {
  abstract append(stream: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  abstract readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent>;
  abstract readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;

  /**
   * The same events as `readAll`, in pages (arrays in position order, never empty), so that a bulk fold
   * runs a whole page synchronously: one await per page instead of one per event. This default groups
   * `readAll`; an adapter that reads in pages anyway hands them over as they are.
   */
  async *readAllBatches(options?: ReadAllOptions): AsyncIterable<StoredEvent[]> {
    let batch: StoredEvent[] = [];
    for await (const event of this.readAll(options)) {
      batch.push(event);
      if (batch.length >= READ_BATCH_SIZE) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  /**
   * Every event of each of `streams` (a few hundred small streams: a page of statements), each stream's in revision
   * order, keyed by stream (an unknown stream: none). What `readStream` gives one stream at a time; this default
   * reads them so, all at once, and an adapter that can read them in one request does.
   */
  async readStreams(streams: readonly string[]): Promise<Map<string, StoredEvent[]>> {
    const unique = [...new Set(streams)];
    const read = await Promise.all(
      unique.map(async (stream) => {
        const events: StoredEvent[] = [];
        for await (const event of this.readStream(stream)) events.push(event);
        return events;
      }),
    );
    return new Map(unique.map((stream, i) => [stream, read[i]]));
  }

  /**
   * How many events lie after `checkpoint` (all of them when null), counted up to `cap`: the lag of a
   * projection at that checkpoint. This default reads them; an adapter that can count does so instead.
   */
  async lagAfter(checkpoint: Position | null, cap = 100_000): Promise<StoreLag> {
    let events = 0;
    let head: Position | null = checkpoint;
    for await (const page of this.readAllBatches({
      ...(checkpoint === null ? {} : { fromPosition: checkpoint }),
      maxCount: cap + 1,
    })) {
      events += page.length;
      head = page[page.length - 1].position;
    }
    return events > cap ? { events: cap, exact: false, head: null } : { events, exact: true, head };
  }

  /** Catch-up from the checkpoint, then live; no event lost and none delivered twice. */
  abstract subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Orders two positions of this store: negative, zero or positive. */
  abstract comparePositions(a: Position, b: Position): number;
  /** Throws StoreUnavailableError when the store cannot be reached. */
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}
