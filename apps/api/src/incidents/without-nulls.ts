/**
 * GraphQL lets a client send `null` for an optional field; in a patch that means "not given", never
 * "erase". Drops nulls and undefined at every depth, so that only real values reach a command.
 */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== null && v !== undefined) out[key] = withoutNulls(v);
  return out as T;
}
