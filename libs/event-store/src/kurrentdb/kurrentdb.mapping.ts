/**
 * Pure translations between the port's types and the KurrentDB client's types.
 * Kept apart from the adapter class so that they are tested without a server.
 */
import {
  ANY as CLIENT_ANY,
  AppendRecordSizeExceededError,
  BACKWARDS,
  DeadlineExceededError,
  END,
  FORWARDS,
  MaxAppendSizeExceededError,
  NO_STREAM as CLIENT_NO_STREAM,
  NotLeaderError,
  START,
  STREAM_EXISTS as CLIENT_STREAM_EXISTS,
  StreamNotFoundError,
  TransactionMaxSizeExceededError,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendStreamState,
  type Direction,
  type Position as ClientPosition,
  type ReadRevision,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { ConcurrencyConflictError, EventTooLargeError, StoreUnavailableError } from '../errors';
import { eventSize } from '../size-limits';
import {
  ANY,
  checkExpectedRevision,
  NO_STREAM,
  STREAM_EXISTS,
  type EventMetadata,
  type ExpectedRevision,
  type JsonObject,
  type NewEvent,
  type Position,
  type ReadStreamOptions,
  type StoredEvent,
} from '../event-store.port';

/** gRPC status codes that mean "no server answered": UNAVAILABLE (14) and DEADLINE_EXCEEDED (4). */
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;
/** A commit or prepare position is an unsigned 64-bit number: at most 20 decimal digits. */
const DIGITS = 20;
const POSITION_FORMAT = /^(\d{1,20})\/(\d{1,20})$/;

export function toStreamState(expected: ExpectedRevision = ANY): AppendStreamState {
  switch (expected) {
    case NO_STREAM:
      return CLIENT_NO_STREAM;
    case STREAM_EXISTS:
      return CLIENT_STREAM_EXISTS;
    case ANY:
      return CLIENT_ANY;
    default:
      checkExpectedRevision(expected);
      return BigInt(expected);
  }
}

/** The client's state back into the port's vocabulary (a bigint revision becomes a number). */
export function fromStreamState(state: AppendStreamState): ExpectedRevision {
  return typeof state === 'bigint' ? Number(state) : state;
}

/** Fixed-width decimals, so that the cursor also sorts correctly as a plain string. */
export function encodePosition(position: ClientPosition): Position {
  const pad = (n: bigint) => n.toString(10).padStart(DIGITS, '0');
  return `${pad(position.commit)}/${pad(position.prepare)}`;
}

export function decodePosition(position: Position): ClientPosition {
  const match = POSITION_FORMAT.exec(position);
  if (!match) throw new RangeError(`Not a KurrentDB position: "${position}"`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

/** $all order: commit position first, then prepare position. */
export function comparePositions(a: Position, b: Position): number {
  const pa = decodePosition(a);
  const pb = decodePosition(b);
  if (pa.commit !== pb.commit) return pa.commit < pb.commit ? -1 : 1;
  if (pa.prepare !== pb.prepare) return pa.prepare < pb.prepare ? -1 : 1;
  return 0;
}

export interface ClientReadStreamOptions {
  fromRevision: ReadRevision;
  direction: Direction;
  maxCount?: number;
}

export function toReadStreamOptions(options: ReadStreamOptions = {}): ClientReadStreamOptions {
  const direction = options.direction === 'backwards' ? BACKWARDS : FORWARDS;
  const from = options.fromRevision ?? (direction === BACKWARDS ? 'end' : 'start');
  let fromRevision: ReadRevision;
  switch (from) {
    case 'start':
      fromRevision = START;
      break;
    case 'end':
      fromRevision = END;
      break;
    default:
      if (!Number.isSafeInteger(from) || from < 0) {
        throw new RangeError(`fromRevision must be a non-negative integer, got ${from}`);
      }
      fromRevision = BigInt(from);
  }
  return options.maxCount === undefined
    ? { fromRevision, direction }
    : { fromRevision, direction, maxCount: options.maxCount };
}

/** KurrentDB's own events ($statsCollected, $metadata, ...) never reach our callers. */
export function isSystemEvent(type: string): boolean {
  return type.startsWith('$');
}

/**
 * Maps a resolved event to the port's shape. Returns undefined for what is not an event of any
 * application (an unresolved link, a system event). An event the port cannot represent (binary, or
 * not JSON objects) comes back marked `unreadable`, never as an exception: one foreign event on a
 * shared server must not stop every reader at the same position for good.
 */
export function toStoredEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent | undefined {
  const event = resolved.event;
  if (!event || isSystemEvent(event.type)) return undefined;
  if (!event.position) {
    // Servers before 22.6 omit it; the port promises a position on every event.
    throw new Error(`KurrentDB returned event ${event.id} without a $all position (server older than 22.6?)`);
  }
  const stored = {
    id: event.id,
    type: event.type,
    stream: event.streamId,
    revision: Number(event.revision),
    position: encodePosition(event.position),
    recordedAt: event.created,
  };
  // The client hands back what it could not parse as it came: bytes (binary data, non-JSON metadata) or,
  // for malformed JSON data, the raw string.
  const data: unknown = event.data;
  const metadata: unknown = event.metadata ?? {};
  const unreadable = !event.isJson
    ? 'binary data'
    : !isJsonObject(data)
      ? 'data is not a JSON object'
      : !isJsonObject(metadata)
        ? 'metadata is not a JSON object'
        : undefined;
  if (unreadable !== undefined) return { ...stored, data: {}, metadata: { actor: '', correlationId: '' }, unreadable };
  return { ...stored, data: data as JsonObject, metadata: metadata as EventMetadata };
}

function isJsonObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError;
}

export interface ErrorContext {
  stream?: string;
  /** What the caller asked for: more exact than the server's report, which may omit it. */
  expected?: ExpectedRevision;
  events?: NewEvent[];
}

/**
 * Translates a client error into one of the port's errors. Anything else is returned unchanged:
 * the caller rethrows it, so no failure is swallowed.
 */
export function toStoreError(error: unknown, context: ErrorContext = {}): unknown {
  if (error instanceof WrongExpectedVersionError) {
    const actual = error.actualState === CLIENT_NO_STREAM ? NO_STREAM : Number(error.actualState);
    const expected = context.expected ?? fromStreamState(error.expectedState);
    return new ConcurrencyConflictError(error.streamName || context.stream || '', expected, actual);
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return tooLarge(context.events, error.maxAppendSize);
  }
  if (error instanceof TransactionMaxSizeExceededError) {
    return tooLarge(context.events, error.maxSize, error.size);
  }
  if (error instanceof AppendRecordSizeExceededError) {
    return new EventTooLargeError(error.recordId, error.size, error.maxSize);
  }
  if (error instanceof UnavailableError || error instanceof DeadlineExceededError || error instanceof NotLeaderError) {
    return new StoreUnavailableError(`KurrentDB unavailable: ${error.message || error.type}`, error);
  }
  // Before a channel exists the client rejects with grpc-js's plain ServiceError, not a CommandError.
  if (error instanceof Error && 'code' in error) {
    const code = (error as { code?: unknown }).code;
    if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) {
      return new StoreUnavailableError(`KurrentDB unavailable: ${error.message}`, error);
    }
  }
  return error;
}

/** The server reports only its limit: name the largest event of the batch, its own size and the batch's. */
function tooLarge(events: NewEvent[] = [], limit: number, reportedSize?: number): EventTooLargeError {
  const sized = events.map((e) => ({ id: e.id, bytes: byteSize(e) }));
  const largest = sized.reduce((a, b) => (b.bytes > a.bytes ? b : a), { id: 'unknown', bytes: 0 });
  const total = sized.reduce((sum, e) => sum + e.bytes, 0);
  return new EventTooLargeError(largest.id, largest.bytes, limit, reportedSize ?? total);
}

/** The size the port's limits count (see eventSize). */
export function byteSize(event: NewEvent): number {
  return eventSize({ ...event, data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata) });
}
