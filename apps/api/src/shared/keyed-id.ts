import { createHash } from 'node:crypto';

/**
 * A UUID derived from an idempotency key, so that a retried command generates the very same ids
 * (aggregate ids and event ids) and the store recognises the retry.
 */
export function keyedId(key: string, purpose: string): string {
  const h = createHash('sha256').update(`${key}\u0000${purpose}`).digest();
  h[6] = (h[6] & 0x0f) | 0x80; // version 8: custom
  h[8] = (h[8] & 0x3f) | 0x80; // RFC 9562 variant
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A stable hash of a command's input, to tell a retry from a different command reusing a key. */
export function inputHash(input: unknown): string {
  return createHash('sha256').update(stableJson(input)).digest('hex');
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}
