import { badInput } from '@app/domain';

/** Relay-style forward pagination. */
export interface PageArgs {
  first?: number;
  /** An opaque cursor from a previous page's edge or `pageInfo.endCursor`. */
  after?: string | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Edge<T> { cursor: string; node: T }
export interface Connection<T> { edges: Edge<T>[]; pageInfo: PageInfo; totalCount: number }

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 500;

/** Sort keys compared as strings, left to right (ISO dates and ids sort correctly as strings). */
export type SortKey = readonly string[];

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

// The cursor is the sort key of the edge: opaque to clients, and still valid when that node is gone.
const encodeCursor = (key: SortKey) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

function decodeCursor(cursor: string): SortKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.every((k) => typeof k === 'string')) return key;
  } catch {
    // fall through: not one of ours
  }
  throw badInput('The cursor is not valid for this list', 'after');
}

/**
 * Sorts `items` by `keyOf` (the last key part must make keys unique, e.g. the id) and returns the page
 * after the cursor.
 */
export function paginate<T>(items: readonly T[], keyOf: (item: T) => SortKey,
  args: PageArgs & { descending?: boolean } = {}): Connection<T> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be an integer from 0 to ${MAX_PAGE_SIZE}`, 'first');
  }
  const dir = args.descending ? -1 : 1;
  const keyed = items.map((node) => ({ key: keyOf(node), node }));
  keyed.sort((a, b) => dir * compareKeys(a.key, b.key));
  let start = 0;
  if (args.after) {
    const after = decodeCursor(args.after);
    // First index strictly after the cursor's key (binary search over the sorted keys).
    let lo = 0;
    let hi = keyed.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (dir * compareKeys(keyed[mid].key, after) <= 0) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const edges = keyed.slice(start, start + first).map(({ key, node }) => ({ cursor: encodeCursor(key), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: start + first < keyed.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: keyed.length,
  };
}
