/** Hash routes: `#/`, `#/incident/<id>`, `#/speak-out`, `#/state/<code>`, each with `?key=value` parameters. */
export type View = 'overview' | 'incident' | 'speak-out' | 'state';
export interface Route {
  view: View;
  id?: string;
  params: Record<string, string>;
}

export function parseRoute(hash: string): Route {
  const [pathPart, query = ''] = hash.replace(/^#/, '').split('?', 2);
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  const params: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(query)) if (v !== '') params[k] = v;
  switch (parts[0]) {
    case 'incident':
      return { view: 'incident', id: parts[1], params };
    case 'speak-out':
      return { view: 'speak-out', params };
    case 'state':
      return { view: 'state', id: parts[1], params };
    default:
      return { view: 'overview', params };
  }
}

export function formatRoute(route: Route): string {
  const path = route.view === 'overview' ? '/' : `/${route.view}${route.id ? `/${encodeURIComponent(route.id)}` : ''}`;
  const query = new URLSearchParams(
    Object.entries(route.params).filter(([, v]) => v !== '' && v !== undefined),
  ).toString();
  return `#${path}${query ? `?${query}` : ''}`;
}

/** The as-of parameters every view keeps when the reader moves between views. */
export const AS_OF_KEYS = ['asOf', 'clock'] as const;
export function keepAsOf(params: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const key of AS_OF_KEYS) if (params[key]) kept[key] = params[key];
  return kept;
}
