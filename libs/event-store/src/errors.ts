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
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

export class EventTooLargeError extends Error {
  readonly code = 'EVENT_TOO_LARGE';
  constructor(readonly eventId: string, readonly size: number, readonly limit: number) {
    super(`Event ${eventId} is ${size} bytes; the limit is ${limit}`);
    this.name = 'EventTooLargeError';
  }
}
