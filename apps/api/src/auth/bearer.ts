/** What a request carries: no credentials, a token, or something that is not a valid bearer credential. */
export type Credential = { kind: 'none' } | { kind: 'token'; token: string } | { kind: 'malformed' };

const BEARER = /^Bearer +([\x21-\x7e]{1,512}) *$/i;

function fromAuthorization(value: unknown): Credential {
  if (value === undefined || value === null || value === '') return { kind: 'none' };
  const match = typeof value === 'string' ? BEARER.exec(value) : null;
  return match ? { kind: 'token', token: match[1] } : { kind: 'malformed' };
}

/** `Authorization: Bearer <token>` from HTTP headers. */
export function credentialFromHeaders(headers: Record<string, unknown> | undefined): Credential {
  return fromAuthorization(headers?.authorization);
}

/**
 * graphql-ws `connectionParams`: `{ authorization: 'Bearer …' }` (also `Authorization`, or nested in
 * `headers`) or `{ token: '…' }`.
 */
export function credentialFromConnectionParams(params: unknown): Credential {
  if (!params || typeof params !== 'object') return { kind: 'none' };
  const p = params as Record<string, unknown>;
  const headers = p.headers && typeof p.headers === 'object' ? (p.headers as Record<string, unknown>) : {};
  const authorization = p.authorization ?? p.Authorization ?? headers.authorization ?? headers.Authorization;
  if (authorization !== undefined) return fromAuthorization(authorization);
  if (p.token === undefined || p.token === null || p.token === '') return { kind: 'none' };
  return typeof p.token === 'string' && /^[\x21-\x7e]{1,512}$/.test(p.token)
    ? { kind: 'token', token: p.token }
    : { kind: 'malformed' };
}
