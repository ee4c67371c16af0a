/** Overview: counts, the world map and the sortable, paged list of incidents, under one set of filters. */
import { gql } from '../api/client';
import {
  INCIDENT_LIST,
  INCIDENT_MAP,
  type IncidentFilter,
  type IncidentListResult,
  type IncidentMapResult,
  TALLY,
  type TallyResult,
} from '../api/documents';
import { asOfArgs } from '../as-of';
import { type Counts, countsFromTally } from '../counts';
import { h, replace } from '../dom';
import { READINESS, type Readiness, STATUSES, STATUS_LABEL, type Status } from '../words';
import { worldMap } from '../world-map';
import { errorBox, isAbort, loading, readinessBadge, statusBadge, type ViewContext, viewLink } from './parts';
import { PAGE_SIZE, filtersForm, listView } from './overview-list';

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
  const sort = p.sort === 'STATUS_CHANGED' ? 'STATUS_CHANGED' : 'OCCURRED';
  // Asked before the page is built, so that the service works while the browser does.
  const { status, readiness, ...facets } = filter;
  const tally = gql<TallyResult>(TALLY, { filter: { ...facets, ...asOf } }, ctx.signal);
  const page = gql<IncidentListResult>(
    INCIDENT_LIST,
    {
      filter: { ...filter, ...asOf },
      orderBy: { field: sort, direction: p.order === 'asc' ? 'ASC' : 'DESC' },
      first: PAGE_SIZE,
      after: p.after,
    },
    ctx.signal,
  );
  const points = gql<IncidentMapResult>(INCIDENT_MAP, { filter: { ...filter, ...asOf } }, ctx.signal);

  const counts = h(
    'section',
    { class: 'counts', 'aria-labelledby': 'counts-h' },
    h('h2', { id: 'counts-h' }, 'Incidents by status'),
    loading('counts'),
  );
  const mapTitle = h('h2', { id: 'map-h' }, 'Where');
  const map = worldMap('map-h');
  const mapNote = h('p', { class: 'map-note', role: 'status' }, 'Loading the map…');
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
      h('section', { class: 'map', 'aria-labelledby': 'map-h' }, mapTitle, map.element, legend(), mapNote),
      list,
    ),
  );

  const drawn = [
    tally.then(({ incidents }) =>
      replace(
        counts,
        h('h2', { id: 'counts-h' }, 'Incidents by status'),
        countsView(ctx, countsFromTally(incidents.tally, { status, readiness })),
      ),
    ),
    page.then((r) => replace(list, h('h2', { id: 'list-h' }, 'Incidents'), listView(ctx, r, sort))),
    points.then(({ incidents }) => {
      const placed = map.draw(incidents.map);
      const unplaced = incidents.map.withoutCoordinates;
      const without = unplaced ? ` (${unplaced} without coordinates are not)` : '';
      mapNote.textContent = `${placed} incidents on the map${without}.`;
    }),
  ];
  drawn[0].catch((e) => isAbort(e) || replace(counts, errorBox(e)));
  drawn[1].catch((e) => isAbort(e) || replace(list, errorBox(e)));
  drawn[2].catch((e) => isAbort(e) || replace(mapNote, errorBox(e)));
  void Promise.all(drawn).then(
    () => markRendered(main, ctx.signal),
    () => undefined,
  );
}

/**
 * Counts, list and every map point are on screen (or an error in their place), after the next paint: a stable
 * marker for tests and `npm run bench` (`main[data-rendered=overview]`, and a performance mark timed from the
 * navigation's start).
 */
function markRendered(main: HTMLElement, signal: AbortSignal): void {
  requestAnimationFrame(() =>
    setTimeout(() => {
      if (signal.aborted) return;
      main.setAttribute('data-rendered', 'overview');
      performance.mark('overview-rendered');
    }),
  );
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

function countsView(ctx: ViewContext, c: Counts) {
  const to = (params: Record<string, string>) =>
    viewLink(
      ctx,
      { view: 'overview', params: { ...ctx.route.params, after: '', page: '', ...params } },
      String(c[(params.status || params.readiness) as Status] ?? 0),
    );
  return h(
    'div',
    { class: 'count-grid' },
    h(
      'dl',
      { class: 'count-list' },
      h('div', {}, h('dt', {}, 'All'), h('dd', { 'data-testid': 'count-all' }, String(c.all))),
      STATUSES.map((st) => h('div', {}, h('dt', {}, statusBadge(st)), h('dd', {}, to({ status: st, readiness: '' })))),
    ),
    h(
      'dl',
      { class: 'count-list', 'aria-label': 'By readiness to speak out' },
      READINESS.map((r) => h('div', {}, h('dt', {}, readinessBadge(r)), h('dd', {}, to({ readiness: r, status: '' })))),
    ),
  );
}
