import type { StoredEvent } from '@app/event-store';

const IDLE = Symbol('idle');
const nextTurn = () => new Promise<typeof IDLE>((resolve) => setImmediate(() => resolve(IDLE)));

/**
 * Groups a live subscription's events into pages, so that each page is folded in one transaction: a page
 * ends when the subscription has nothing more ready by the next turn of the event loop (it waits for a
 * commit then), or at `max` events. A burst (a catch-up, another process's import) folds in large pages;
 * a single write is folded at once, on its own.
 */
export async function* livePages(events: AsyncIterable<StoredEvent>, max: number): AsyncGenerator<StoredEvent[]> {
  const iterator = events[Symbol.asyncIterator]();
  // Marked handled at once: a subscription failing while the caller folds a page must not end the process;
  // the failure is thrown by the next await of it instead.
  const next = () => {
    const promise = iterator.next();
    promise.catch(() => undefined);
    return promise;
  };
  let pending = next();
  for (;;) {
    const first = await pending;
    if (first.done) return;
    const page = [first.value];
    pending = next();
    while (page.length < max) {
      const ready = await Promise.race([pending, nextTurn()]);
      if (ready === IDLE) break;
      if (ready.done) {
        yield page;
        return;
      }
      page.push(ready.value);
      pending = next();
    }
    yield page;
  }
}
