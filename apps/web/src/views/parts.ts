/** Small pieces the views share. */
import { ApiError } from '../api/client';
import type { Citation } from '../api/documents';
import { h } from '../dom';
import { formatRoute, keepAsOf, type Route } from '../route';
import { READINESS_SHORT, type Readiness, STATUS_LABEL, type Status } from '../words';

export interface ViewContext {
  route: Route;
  go(route: Route): void;
  signal: AbortSignal;
}

export const statusBadge = (status: Status | null | undefined) =>
  status
    ? h('span', { class: `badge status-${status}` }, STATUS_LABEL[status] ?? status)
    : h('span', { class: 'badge' }, 'not yet logged');

export const readinessBadge = (readiness: Readiness) =>
  h('span', { class: `badge readiness-${readiness}` }, READINESS_SHORT[readiness] ?? readiness);

/** A link to another view that keeps the as-of date and clock. */
export function viewLink(
  ctx: ViewContext,
  to: Omit<Route, 'params'> & { params?: Record<string, string> },
  ...text: (string | Node)[]
) {
  return h(
    'a',
    { href: formatRoute({ ...to, params: { ...keepAsOf(ctx.route.params), ...(to.params ?? {}) } }) },
    ...text,
  );
}

export function citationLinks(citation: Citation) {
  return h(
    'span',
    { class: 'citation' },
    h('a', { href: citation.url, rel: 'noopener noreferrer external', target: '_blank' }, 'source'),
    citation.archivedUrl
      ? [
          ' · ',
          h(
            'a',
            { href: citation.archivedUrl, rel: 'noopener noreferrer external', target: '_blank' },
            'archived copy',
          ),
        ]
      : null,
    citation.archivedSha256
      ? [
          ' · ',
          h('abbr', { title: `SHA-256 ${citation.archivedSha256}` }, `sha256 ${citation.archivedSha256.slice(0, 12)}…`),
        ]
      : null,
  );
}

export function errorBox(error: unknown) {
  const message =
    error instanceof ApiError ? `${error.message} (${error.code})` : String((error as Error)?.message ?? error);
  return h('p', { class: 'error', role: 'alert' }, `Could not load this view: ${message}`);
}

export const loading = (what: string) => h('p', { class: 'loading', role: 'status' }, `Loading ${what}…`);

export const isAbort = (error: unknown) => (error as Error)?.name === 'AbortError';
