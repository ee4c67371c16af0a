import type { StoredEvent, Subscription } from '../event-store.port';
import type { EventRow } from './sqlite-schema';
import { PAGE_SIZE, toStoredEvent } from './sqlite-rows';

/** What a subscription needs from its store. */
export interface SubscriptionSource {
  /** Up to `limit` events strictly after the position, in position order. */
  readAfter(position: number, limit: number): EventRow[];
  detach(subscription: SqliteSubscription): void;
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * Catch-up then live: read pages after the last position seen; when none is left, sleep until
 * the store signals a commit (its own, or another connection's: see SqliteCommitWatch). Commits
 * become visible whole and in position order, and "read, then wait if empty" has no await in
 * between, so a commit is either in the read or signalled after it: none skipped, none repeated.
 */
export class SqliteSubscription implements Subscription, AsyncIterator<StoredEvent> {
  private page: EventRow[] = [];
  private index = 0;
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly source: SubscriptionSource,
    private after: number,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    return this;
  }

  async next(): Promise<IteratorResult<StoredEvent>> {
    while (!this.closed) {
      if (this.index < this.page.length) return { value: toStoredEvent(this.page[this.index++]), done: false };
      this.page = this.source.readAfter(this.after, PAGE_SIZE);
      this.index = 0;
      if (this.page.length > 0) this.after = this.page[this.page.length - 1][0];
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return DONE;
  }

  /** Called by the store after every commit it sees. */
  notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  async return(): Promise<IteratorResult<StoredEvent>> {
    await this.close();
    return DONE;
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.page = [];
      this.source.detach(this);
      this.notify();
    }
    return Promise.resolve();
  }
}
