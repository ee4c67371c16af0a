import { createHash } from 'node:crypto';
import { type EventMetadata, type EventStore, type JsonObject, NO_STREAM } from '@app/event-store';

/** What a copy keeps of an event: id, stream, revision, type, data, metadata (and, copied in order, its order). */
export interface PortableEvent {
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
}

const BATCH = 500;

/**
 * Appends events in their order, consecutive events of one stream together, each append expecting the
 * revision before its first event. Appending ids already in the stream is a retry that writes nothing (the
 * port's promise), so an interrupted copy can be run again.
 */
export async function copyEvents(
  events: AsyncIterable<PortableEvent>,
  target: EventStore,
  progress?: (copied: number) => void,
): Promise<number> {
  let run: PortableEvent[] = [];
  let copied = 0;
  const flush = async () => {
    if (run.length === 0) return;
    const first = run[0];
    await target.append(
      first.stream,
      run.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
      {
        expectedRevision: first.revision === 0 ? NO_STREAM : first.revision - 1,
      },
    );
    copied += run.length;
    progress?.(copied);
    run = [];
  };
  for await (const event of events) {
    const last = run[run.length - 1];
    if (last && (last.stream !== event.stream || event.revision !== last.revision + 1 || run.length >= BATCH))
      await flush();
    run.push(event);
  }
  await flush();
  return copied;
}

/** The count and a SHA-256 over the event ids in store order: equal on two stores means the same events, in order. */
export async function idChecksum(store: EventStore): Promise<{ events: number; checksum: string }> {
  const hash = createHash('sha256');
  let events = 0;
  for await (const batch of store.readAllBatches()) {
    for (const stored of batch) hash.update(`${stored.id}\n`);
    events += batch.length;
  }
  return { events, checksum: hash.digest('hex') };
}

/** The store's events after the first `skip`, as portable events. */
export async function* eventsAfter(store: EventStore, skip: number): AsyncIterable<PortableEvent> {
  let index = 0;
  for await (const batch of store.readAllBatches()) {
    for (const e of batch)
      if (index++ >= skip)
        yield { id: e.id, stream: e.stream, revision: e.revision, type: e.type, data: e.data, metadata: e.metadata };
  }
}
