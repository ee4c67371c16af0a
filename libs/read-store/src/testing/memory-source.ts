import type { ReadAllOptions, StoredEvent } from '@app/event-store';
import type { EventSource } from '../read-store';

/** `$all` over events held in memory, in pages of `pageSize`, as the port pages it (positions are decimal). */
export function memorySource(events: readonly StoredEvent[], pageSize = 1000): EventSource {
  return {
    async *readAllBatches(options: ReadAllOptions = {}) {
      const from = options.fromPosition === undefined ? 0 : Number(options.fromPosition);
      const after = events.filter((e) => Number(e.position) > from);
      for (let i = 0; i < after.length; i += pageSize) yield after.slice(i, i + pageSize);
    },
  };
}
