import type { EventStore, ReadAllOptions, StoredEvent } from '@app/event-store';
import { loopYielder } from '@app/projections';
import type { EventSource } from '@app/read-store';

/** Thrown into a fold that must end: the service shuts down, or the file it folds into was swapped out. */
export class Stopped extends Error {}

/**
 * `$all` through the port for the read store's folds, with a turn of the event loop now and then: the SQLite
 * adapter reads synchronously, so without it health probes and queries would wait for the whole fold.
 * `check` runs before each page is handed over (it throws Stopped to end the fold); `read` is told its size.
 */
export function yieldingSource(events: EventStore, check: () => void, read?: (events: number) => void): EventSource {
  return {
    async *readAllBatches(options?: ReadAllOptions): AsyncGenerator<StoredEvent[]> {
      const pause = loopYielder();
      for await (const page of events.readAllBatches(options)) {
        check();
        yield page;
        read?.(page.length);
        const turn = pause();
        if (turn) await turn;
      }
    },
  };
}
