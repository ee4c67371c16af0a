/** Overview: counts, the world map and the sortable, paged list of incidents, under one set of filters. */
import { gql } from '../api/client';
import {
  COUNTS,
  type CountsResult,
  INCIDENT_LIST,
  type IncidentFilter,
  type IncidentListResult,
  MAP_POINTS,
  type MapPoint,
  type MapPointsResult,
} from '../api/documents';
import { asOfArgs } from '../as-of';
import { h, replace } from '../dom';
import { READINESS, type Readiness, STATUSES, STATUS_LABEL, type Status } from '../words';
import { worldMap } from '../world-map';
import { errorBox, isAbort, loading, readinessBadge, statusBadge, type ViewContext, viewLink } from './parts';
import { PAGE_SIZE, filtersForm, listView } from './overview-list';

const MAP_PAGE = 500;

export function filterFromParams(p: Record<string, string>): IncidentFilter {
  return {
    countryCode: p.country,
    allegedUser: p.user,
    status: p.status ? [p.status as Status] : undefined,
    readiness: p.readiness ? [p.readiness as Readiness] : undefined,
    occurredFrom: p.from,
    occurredTo: p.to,
    text: p.text,
    situationId: p.situation,
  };
}

export function renderOverview(main: HTMLElement, ctx: ViewContext): void {
  const p = ctx.route.params;
  const filter = filterFromParams(p);
  main.removeAttribute('data-rendered');
  const asOf = asOfArgs(p);
  const counts = h(
    'section',
    { class: 'counts', 'aria-labelledby': 'counts-h' },
    h('h2', { id: 'counts-h' }, 'Incidents by status'),
    loading('counts'),
  );
  const mapTitle = h('h2', { id: 'map-h' }, 'Where');
  const map = worldMap('map-h');
  const mapNote = h('p', { class: 'map-note', role: 'status' }, 'Loading points…');
  const list = h(
    'section',
    { class: 'list', 'aria-labelledby': 'list-h' },
    h('h2', { id: 'list-h' }, 'Incidents'),
    loading('incidents'),
  );
  replace(
    main,
    h('h1', {}, 'Overview'),
    filtersForm(ctx),
    counts,
    h(
      'div',
      { class: 'map-and-list' },
      h('section', { class: 'map', 'aria-labelledby': 'map-h' }, mapTitle, map.svg, legend(), mapNote),
      list,
    ),
  );

  const countFilters: Record<string, IncidentFilter> = { all: filter };
  for (const st of STATUSES) countFilters[st] = { ...filter, status: [st] };
  for (const r of READINESS) countFilters[r] = { ...filter, readiness: [r] };
  const countsDrawn = gql<CountsResult>(COUNTS, { ...asOf, ...countFilters }, ctx.signal)
    .then((c) => replace(counts, h('h2', { id: 'counts-h' }, 'Incidents by status'), countsView(ctx, c)))
    .catch((e) => isAbort(e) || replace(counts, errorBox(e)));

  const sort = p.sort === 'STATUS_CHANGED' ? 'STATUS_CHANGED' : 'OCCURRED';
  const listDrawn = gql<IncidentListResult>(
    INCIDENT_LIST,
    {
      filter,
      first: PAGE_SIZE,
      after: p.after,
      sort,
      descending: p.order !== 'asc',
      ...asOf,
    },
    ctx.signal,
  )
    .then((r) => replace(list, h('h2', { id: 'list-h' }, 'Incidents'), listView(ctx, r, sort)))
    .catch((e) => isAbort(e) || replace(list, errorBox(e)));

  const mapDrawn = loadPoints(filter, asOf, ctx.signal, (points, done) => {
    map.draw(points);
    mapNote.textContent = done
      ? `${points.length} incidents on the map (those without coordinates are not drawn).`
      : `Loading points… ${points.length} so far.`;
  }).catch((e) => {
    if (!isAbort(e)) replace(mapNote, errorBox(e));
  });
  void Promise.all([countsDrawn, listDrawn, mapDrawn]).then(() => markRendered(main, ctx.signal));
}

/**
 * Counts, list and every map point are on screen: a stable marker for tests and `npm run bench`
 * (`main[data-rendered=overview]`, and a performance mark timed from the navigation's start).
 */
function markRendered(main: HTMLElement, signal: AbortSignal): void {
  if (signal.aborted) return;
  main.setAttribute('data-rendered', 'overview');
  performance.mark('overview-rendered');
}

/** Map points come in pages of 500; the map is redrawn as each page arrives, so the first points show at once. */
async function loadPoints(
  filter: IncidentFilter,
  asOf: object,
  signal: AbortSignal,
  draw: (points: MapPoint[], done: boolean) => void,
): Promise<void> {
  const points: MapPoint[] = [];
  let after: string | null | undefined;
  for (;;) {
    const { incidents } = await gql<MapPointsResult>(MAP_POINTS, { filter, first: MAP_PAGE, after, ...asOf }, signal);
    for (const e of incidents.edges) points.push(e.node);
    after = incidents.pageInfo.endCursor;
    const done = !incidents.pageInfo.hasNextPage || !after;
    draw(points, done);
    if (done) return;
  }
}

function legend() {
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Map legend' },
    STATUSES.map((st) =>
      h('li', {}, h('span', { class: `swatch status-${st}`, 'aria-hidden': 'true' }), STATUS_LABEL[st]),
    ),
  );
}

function countsView(ctx: ViewContext, c: CountsResult) {
  const to = (params: Record<string, string>) =>
    viewLink(
      ctx,
      { view: 'overview', params: { ...ctx.route.params, after: '', page: '', ...params } },
      String(c[(params.status || params.readiness) as Status]?.totalCount ?? 0),
    );
  return h(
    'div',
    { class: 'count-grid' },
    h(
      'dl',
      { class: 'count-list' },
      h('div', {}, h('dt', {}, 'All'), h('dd', { 'data-testid': 'count-all' }, String(c.all.totalCount))),
      STATUSES.map((st) => h('div', {}, h('dt', {}, statusBadge(st)), h('dd', {}, to({ status: st, readiness: '' })))),
    ),
    h(
      'dl',
      { class: 'count-list', 'aria-label': 'By readiness to speak out' },
      READINESS.map((r) => h('div', {}, h('dt', {}, readinessBadge(r)), h('dd', {}, to({ readiness: r, status: '' })))),
    ),
  );
}
