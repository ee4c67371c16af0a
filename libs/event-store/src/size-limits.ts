import { EventTooLargeError } from './errors';

/**
 * The same size limits on every store, counted the same way, so that an event one store accepts the
 * other accepts too. KurrentDB refuses an append over 1 MiB by default (its MaxAppendSize); an event
 * cannot be larger than the append that carries it.
 */
export interface SizeLimits {
  /** Largest single event. */
  maxEventBytes: number;
  /** Largest append: the sum of its events' sizes. */
  maxAppendBytes: number;
}

export const MAX_APPEND_BYTES = 1024 * 1024;
export const DEFAULT_SIZE_LIMITS: Readonly<SizeLimits> = {
  maxEventBytes: MAX_APPEND_BYTES,
  maxAppendBytes: MAX_APPEND_BYTES,
};

/** An event as it goes over the wire: data and metadata already serialised as JSON. */
export interface SerialisedEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
}

/** KurrentDB's own count (Event.SizeOnDisk): data and metadata bytes, plus two bytes per character of the type. */
export function eventSize(event: SerialisedEvent): number {
  return Buffer.byteLength(event.data, 'utf8') + Buffer.byteLength(event.metadata, 'utf8') + event.type.length * 2;
}

/**
 * Throws EventTooLargeError naming the first event over the per-event limit, or, when the events are
 * each small enough but together over the per-append limit, the largest of them with its own size.
 */
export function checkSizes(events: SerialisedEvent[], limits: SizeLimits): void {
  // UTF-8 needs at most 3 bytes per UTF-16 unit: only count bytes when a limit is in reach.
  let bound = 0;
  for (const e of events) bound += (e.data.length + e.metadata.length) * 3 + e.type.length * 2;
  if (bound <= limits.maxEventBytes && bound <= limits.maxAppendBytes) return;
  let total = 0;
  let largest = { id: '', size: -1 };
  for (const event of events) {
    const size = eventSize(event);
    if (size > limits.maxEventBytes) throw new EventTooLargeError(event.id, size, limits.maxEventBytes);
    if (size > largest.size) largest = { id: event.id, size };
    total += size;
  }
  if (total > limits.maxAppendBytes) {
    throw new EventTooLargeError(largest.id, largest.size, limits.maxAppendBytes, total);
  }
}
