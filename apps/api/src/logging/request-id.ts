import type { IncomingHttpHeaders } from 'node:http';
import { uuidv7 } from '@app/event-store';

/** What an incoming request id may look like: short and printable, so it is safe in logs and metadata. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

function valid(value: unknown): string | undefined {
  return typeof value === 'string' && REQUEST_ID.test(value) ? value : undefined;
}

/**
 * The request's id: the caller's `x-request-id` (or, as before, `x-correlation-id`) when it is well formed,
 * else a new UUIDv7. It is the request's log id and the correlation id of every event the request appends.
 */
export function requestIdOf(headers: IncomingHttpHeaders | Record<string, unknown> | undefined): string {
  return valid(headers?.['x-request-id']) ?? valid(headers?.['x-correlation-id']) ?? uuidv7();
}

/** The id pino-http gave the raw request (its `id`), when it is one of ours. */
export function assignedRequestId(raw: unknown): string | undefined {
  return valid((raw as { id?: unknown } | undefined)?.id);
}
