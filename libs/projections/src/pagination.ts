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

export interface Edge<T> {
  cursor: string;
  node: T;
}
export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 500;

/** Sort keys compared as strings, left to right (ISO dates and ids sort correctly as strings). */
export type SortKey = readonly string[];

export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** The page size asked (`first`), checked: BAD_USER_INPUT when out of range. */
export function pageSize(args: PageArgs): number {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be an integer from 0 to ${MAX_PAGE_SIZE}`, 'first');
  }
  return first;
}

// The cursor is the sort key of the edge: opaque to clients, and still valid when that node is gone.
export const encodeCursor = (key: SortKey): string => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** A cursor's sort key; BAD_USER_INPUT (field `after`) when it is not one of ours. */
export function decodeCursor(cursor: string): SortKey {
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
export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => SortKey,
  args: PageArgs & { descending?: boolean } = {},
): Connection<T> {
  const first = pageSize(args);
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

export interface Keyed<T> {
  key: SortKey;
  node: T;
}

/** Sorts nodes by key, ascending, once (e.g. to keep for `paginateSorted` while the data stands). */
export function sortByKey<T>(items: Iterable<T>, keyOf: (item: T) => SortKey): Keyed<T>[] {
  const keyed: Keyed<T>[] = [];
  for (const node of items) keyed.push({ key: keyOf(node), node });
  return keyed.sort((a, b) => compareKeys(a.key, b.key));
}

/**
 * As `paginate(items.filter(keep), ...)` over nodes already sorted ascending by unique keys: one pass
 * without sorting or copying, cursors encoded for the returned page only.
 */
export function paginateSorted<T>(
  sorted: readonly Keyed<T>[],
  keep: (node: T) => boolean,
  args: PageArgs & { descending?: boolean } = {},
): Connection<T> {
  const first = pageSize(args);
  const n = sorted.length;
  const dir = args.descending ? -1 : 1;
  const at = dir === 1 ? (i: number) => sorted[i] : (i: number) => sorted[n - 1 - i];
  // Index (in reading order) of the first node strictly after the cursor.
  let cut = 0;
  if (args.after) {
    const after = decodeCursor(args.after);
    let hi = n;
    while (cut < hi) {
      const mid = (cut + hi) >>> 1;
      if (dir * compareKeys(at(mid).key, after) <= 0) cut = mid + 1;
      else hi = mid;
    }
  }
  let before = 0;
  let later = 0;
  const page: Keyed<T>[] = [];
  for (let i = 0; i < n; i++) {
    const item = at(i);
    if (!keep(item.node)) continue;
    if (i < cut) before++;
    else if (page.length < first) page.push(item);
    else later++;
  }
  const edges = page.map(({ key, node }) => ({ cursor: encodeCursor(key), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: later > 0,
      hasPreviousPage: before > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: before + page.length + later,
  };
}
