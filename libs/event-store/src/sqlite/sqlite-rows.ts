import type { StoredEvent } from '../event-store.port';
import type { EventRow } from './sqlite-schema';

/** Rows fetched per prepared `.all()`: reads never hold a statement open across an await. */
export const PAGE_SIZE = 1000;

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row[3],
    type: row[4],
    data: JSON.parse(row[5]) as StoredEvent['data'],
    metadata: JSON.parse(row[6]) as StoredEvent['metadata'],
    stream: row[1],
    revision: row[2],
    position: String(row[0]),
    recordedAt: new Date(row[7]),
  };
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/** Each page of rows as one array of events: one resolved promise per page (`readAllBatches`). */
export function pagedBatches(maxCount: number, fetchPage: (limit: number) => EventRow[]): AsyncIterable<StoredEvent[]> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<StoredEvent[]> {
      let remaining = maxCount;
      let exhausted = false;
      return {
        next(): Promise<IteratorResult<StoredEvent[]>> {
          try {
            if (exhausted || remaining <= 0) return Promise.resolve(DONE);
            const limit = Math.min(PAGE_SIZE, remaining);
            const rows = fetchPage(limit);
            remaining -= rows.length;
            if (rows.length < limit) exhausted = true;
            if (rows.length === 0) return Promise.resolve(DONE);
            const events = new Array<StoredEvent>(rows.length);
            for (let i = 0; i < rows.length; i++) events[i] = toStoredEvent(rows[i]);
            return Promise.resolve({ value: events, done: false });
          } catch (error) {
            return Promise.reject(error);
          }
        },
        return(): Promise<IteratorResult<StoredEvent[]>> {
          exhausted = true;
          return Promise.resolve(DONE);
        },
      };
    },
  };
}

/**
 * An async iterable over pages of rows. `fetchPage(limit)` returns the next page (it keeps its
 * own keyset cursor). A hand-written iterator rather than an async generator: each `next()` is
 * one already-resolved promise, and rows are parsed only when they are reached.
 */
export function pagedEvents(maxCount: number, fetchPage: (limit: number) => EventRow[]): AsyncIterable<StoredEvent> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
      let page: EventRow[] = [];
      let index = 0;
      let remaining = maxCount;
      let exhausted = false;
      return {
        next(): Promise<IteratorResult<StoredEvent>> {
          try {
            if (index >= page.length) {
              if (exhausted || remaining <= 0) return Promise.resolve(DONE);
              const limit = Math.min(PAGE_SIZE, remaining);
              page = fetchPage(limit);
              index = 0;
              remaining -= page.length;
              if (page.length < limit) exhausted = true;
              if (page.length === 0) return Promise.resolve(DONE);
            }
            return Promise.resolve({ value: toStoredEvent(page[index++]), done: false });
          } catch (error) {
            return Promise.reject(error);
          }
        },
        return(): Promise<IteratorResult<StoredEvent>> {
          exhausted = true;
          page = [];
          return Promise.resolve(DONE);
        },
      };
    },
  };
}
