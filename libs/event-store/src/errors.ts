import type { ExpectedRevision } from './event-store.port';

/** Another writer appended first: the stream is not at the revision the caller expected. */
export class ConcurrencyConflictError extends Error {
  readonly code = 'CONFLICT';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision; -1 or 'no_stream' when the stream does not exist. */
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${stream} is at revision ${actual}, expected ${expected}`);
    this.name = 'ConcurrencyConflictError';
  }
}

export class StoreUnavailableError extends Error {
  readonly code = 'UNAVAILABLE';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * An event, or the append that carries it, is over the store's size limit. `eventId` and `size` name
 * the event at fault (alone too large, or the largest of an append too large); `appendSize` is set
 * when the limit exceeded is the append's.
 */
export class EventTooLargeError extends Error {
  readonly code = 'EVENT_TOO_LARGE';
  constructor(
    readonly eventId: string,
    readonly size: number,
    readonly limit: number,
    readonly appendSize?: number,
  ) {
    super(
      appendSize === undefined
        ? `Event ${eventId} is ${size} bytes; the limit is ${limit} bytes per event`
        : `The append is ${appendSize} bytes, over the limit of ${limit} bytes per append; ` +
            `its largest event, ${eventId}, is ${size} bytes`,
    );
    this.name = 'EventTooLargeError';
  }
}
