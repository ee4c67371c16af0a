/** Posts GraphQL documents to this service's /graphql, with the reader's token when one was given. */
const TOKEN_KEY = 'cmur.token';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

// Read once: the tab's first read of sessionStorage waits for the browser (tens of ms on a first visit).
let held: string | null | undefined;
export const token = {
  // sessionStorage: the token lives as long as the tab, never in a cookie or on disk.
  get: (): string | null => (held === undefined ? (held = sessionStorage.getItem(TOKEN_KEY)) : held),
  set: (value: string): void => {
    held = value.trim();
    sessionStorage.setItem(TOKEN_KEY, held);
  },
  clear: (): void => {
    held = null;
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

export async function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  const bearer = token.get();
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables: withoutEmpty(variables) }),
      signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError('The registry cannot be reached.', 'UNAVAILABLE');
  }
  const body = (await res.json().catch(() => ({}))) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'ERROR');
  if (!res.ok || body.data === undefined) throw new ApiError(`The registry answered ${res.status}.`, 'UNAVAILABLE');
  return body.data;
}

/** Empty form fields mean "no filter": drop them rather than send empty strings the API would refuse. */
function withoutEmpty(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) ? withoutEmpty(v as Record<string, unknown>) : v;
  }
  return out;
}
