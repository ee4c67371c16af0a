import type { StoredEvent } from '@app/event-store';
import { livePages } from './live-pages';

const event = (n: number) => ({ position: String(n) }) as StoredEvent;

/** A subscription fed by hand: `push` hands events over at once, as a commit does; `end` closes it. */
function feed() {
  const queue: StoredEvent[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  let failure: Error | undefined;
  const events: AsyncIterable<StoredEvent> = {
    [Symbol.asyncIterator]: () => ({
      async next(): Promise<IteratorResult<StoredEvent>> {
        for (;;) {
          if (failure) throw failure;
          if (queue.length > 0) return { value: queue.shift()!, done: false };
          if (ended) return { value: undefined, done: true };
          await new Promise<void>((resolve) => (wake = resolve));
        }
      },
    }),
  };
  const poke = () => wake?.();
  return {
    events,
    push: (...more: StoredEvent[]) => (queue.push(...more), poke()),
    end: () => ((ended = true), poke()),
    fail: (error: Error) => ((failure = error), poke()),
  };
}

describe('livePages', () => {
  it('a burst is one page (up to the maximum); a page ends when nothing more is ready', async () => {
    const source = feed();
    const pages = livePages(source.events, 3);
    source.push(event(1), event(2), event(3), event(4));
    expect((await pages.next()).value).toEqual([event(1), event(2), event(3)]);
    expect((await pages.next()).value).toEqual([event(4)]);
    const waiting = pages.next();
    setTimeout(() => source.push(event(5)), 20);
    expect((await waiting).value).toEqual([event(5)]);
    source.push(event(6));
    source.end();
    expect((await pages.next()).value).toEqual([event(6)]);
    expect((await pages.next()).done).toBe(true);
  });

  it("a subscription's failure is thrown to the folder, also when it comes while a page is being folded", async () => {
    const source = feed();
    const pages = livePages(source.events, 1); // a full page: the next event is asked for, nobody awaits it yet
    source.push(event(1));
    expect((await pages.next()).value).toEqual([event(1)]);
    source.fail(new Error('connection reset'));
    await new Promise((resolve) => setTimeout(resolve, 20)); // the folder busy with its page
    await expect(pages.next()).rejects.toThrow('connection reset');
  });
});
