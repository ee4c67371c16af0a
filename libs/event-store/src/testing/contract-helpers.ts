import type { JsonObject, NewEvent, StoredEvent, Subscription } from '../event-store.port';
import type { SerialisedEvent } from '../size-limits';
import { uuidv7 } from '../uuid';

export function newEvent(type: string, data: JsonObject = {}): NewEvent {
  return {
    id: uuidv7(),
    type,
    data,
    metadata: { actor: 'contract-suite', correlationId: uuidv7(), causationId: uuidv7(), schemaVersion: 1 },
  };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/**
 * The next `count` events of a subscription that match, skipping others (a shared store has
 * other writers). Pulls through the subscription's own iterator, so it stays open afterwards.
 */
export async function nextMatching(
  subscription: Subscription,
  matches: (event: StoredEvent) => boolean,
  count: number,
): Promise<StoredEvent[]> {
  const iterator = iteratorOf(subscription);
  const found: StoredEvent[] = [];
  while (found.length < count) {
    const next = await iterator.next();
    if (next.done) throw new Error(`Subscription ended after ${found.length} of ${count} events`);
    if (matches(next.value)) found.push(next.value);
  }
  return found;
}

const iterators = new WeakMap<Subscription, AsyncIterator<StoredEvent>>();
function iteratorOf(subscription: Subscription): AsyncIterator<StoredEvent> {
  let iterator = iterators.get(subscription);
  if (!iterator) {
    iterator = subscription[Symbol.asyncIterator]();
    iterators.set(subscription, iterator);
  }
  return iterator;
}

/** The event as the stores serialise it, to count its size. */
export function serialised(event: NewEvent): SerialisedEvent {
  return { id: event.id, type: event.type, data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata) };
}
