/** Overview: counts, the world map and the sortable, paged list of incidents, under one set of filters. */
import { gql } from '../api/client';
import {
  COUNTS, type CountsResult, INCIDENT_LIST, type IncidentFilter, type IncidentListResult, type ListIncident, MAP_POINTS,
  type MapPoint, type MapPointsResult,
} from '../api/documents';
import { asOfArgs } from '../as-of';
import { allCountries, countryName } from '../countries';
import { field, h, replace } from '../dom';
import { READINESS, READINESS_SHORT, type Readiness, STATUSES, STATUS_LABEL, type Status, shortDay } from '../words';
import { worldMap } from '../world-map';
import { errorBox, isAbort, loading, readinessBadge, statusBadge, type ViewContext, viewLink } from './parts';

const PAGE_SIZE = 25;
const MAP_PAGE = 500;

export function filterFromParams(p: Record<string, string>): IncidentFilter {
  return {
    countryCode: p.country, allegedUser: p.user,
    status: p.status ? [p.status as Status] : undefined, readiness: p.readiness ? [p.readiness as Readiness] : undefined,
    occurredFrom: p.from, occurredTo: p.to, text: p.text,
  };
}

export function renderOverview(main: HTMLElement, ctx: ViewContext): void {
  const p = ctx.route.params;
  const filter = filterFromParams(p);
  const asOf = asOfArgs(p);
  const counts = h('section', { class: 'counts', 'aria-labelledby': 'counts-h' }, h('h2', { id: 'counts-h' }, 'Incidents by status'), loading('counts'));
  const mapTitle = h('h2', { id: 'map-h' }, 'Where');
  const map = worldMap('map-h');
  const mapNote = h('p', { class: 'map-note', role: 'status' }, 'Loading points…');
  const list = h('section', { class: 'list', 'aria-labelledby': 'list-h' }, h('h2', { id: 'list-h' }, 'Incidents'), loading('incidents'));
  replace(main,
    h('h1', {}, 'Overview'),
    filtersForm(ctx),
    counts,
    h('div', { class: 'map-and-list' },
      h('section', { class: 'map', 'aria-labelledby': 'map-h' }, mapTitle, map.svg, legend(), mapNote),
      list));

  const countFilters: Record<string, IncidentFilter> = { all: filter };
  for (const st of STATUSES) countFilters[st] = { ...filter, status: [st] };
  for (const r of READINESS) countFilters[r] = { ...filter, readiness: [r] };
  gql<CountsResult>(COUNTS, { ...asOf, ...countFilters }, ctx.signal)
    .then((c) => replace(counts, h('h2', { id: 'counts-h' }, 'Incidents by status'), countsView(ctx, c)))
    .catch((e) => isAbort(e) || replace(counts, errorBox(e)));

  const sort = p.sort === 'STATUS_CHANGED' ? 'STATUS_CHANGED' : 'OCCURRED';
  gql<IncidentListResult>(INCIDENT_LIST, {
    filter, first: PAGE_SIZE, after: p.after, sort, descending: p.order !== 'asc', ...asOf,
  }, ctx.signal)
    .then((r) => replace(list, h('h2', { id: 'list-h' }, 'Incidents'), listView(ctx, r, sort)))
    .catch((e) => isAbort(e) || replace(list, errorBox(e)));

  void loadPoints(filter, asOf, ctx.signal, (points, done) => {
    map.draw(points);
    mapNote.textContent = done ? `${points.length} incidents on the map (those without coordinates are not drawn).`
      : `Loading points… ${points.length} so far.`;
  }).catch((e) => { if (!isAbort(e)) replace(mapNote, errorBox(e)); });
}

/** Map points come in pages of 500; the map is redrawn as each page arrives, so the first points show at once. */
async function loadPoints(filter: IncidentFilter, asOf: object, signal: AbortSignal,
  draw: (points: MapPoint[], done: boolean) => void): Promise<void> {
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
  return h('ul', { class: 'legend', 'aria-label': 'Map legend' }, STATUSES.map((st) =>
    h('li', {}, h('span', { class: `swatch status-${st}`, 'aria-hidden': 'true' }), STATUS_LABEL[st])));
}

function countsView(ctx: ViewContext, c: CountsResult) {
  const to = (params: Record<string, string>) => viewLink(ctx, { view: 'overview', params: { ...ctx.route.params, after: '', page: '', ...params } },
    String(c[(params.status || params.readiness) as Status]?.totalCount ?? 0));
  return h('div', { class: 'count-grid' },
    h('dl', { class: 'count-list' },
      h('div', {}, h('dt', {}, 'All'), h('dd', { 'data-testid': 'count-all' }, String(c.all.totalCount))),
      STATUSES.map((st) => h('div', {}, h('dt', {}, statusBadge(st)), h('dd', {}, to({ status: st, readiness: '' }))))),
    h('dl', { class: 'count-list', 'aria-label': 'By readiness to speak out' },
      READINESS.map((r) => h('div', {}, h('dt', {}, readinessBadge(r)), h('dd', {}, to({ readiness: r, status: '' }))))));
}

function listView(ctx: ViewContext, r: IncidentListResult, sort: string) {
  const p = ctx.route.params;
  const page = Number(p.page ?? '1');
  const desc = p.order !== 'asc';
  const header = (label: string, key: string) => {
    const active = sort === key;
    const next = active && desc ? 'asc' : 'desc';
    return h('th', { scope: 'col', 'aria-sort': active ? (desc ? 'descending' : 'ascending') : 'none' },
      viewLink(ctx, { view: 'overview', params: { ...p, sort: key, order: next, after: '', page: '' } },
        label, active ? (desc ? ' ↓' : ' ↑') : ''));
  };
  const rows = r.incidents.edges.map(({ node }) => row(ctx, node));
  const first = (page - 1) * PAGE_SIZE + 1;
  return [
    h('p', { class: 'list-summary' }, r.incidents.totalCount === 0 ? 'No incident matches these filters.'
      : `${first}–${first + rows.length - 1} of ${r.incidents.totalCount}`),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, header('Occurred', 'OCCURRED'), h('th', { scope: 'col' }, 'Where'),
        h('th', { scope: 'col' }, 'Alleged user'), header('Status (since)', 'STATUS_CHANGED'))),
      h('tbody', {}, rows))),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      page > 1 ? viewLink(ctx, { view: 'overview', params: { ...p, after: '', page: '' } }, 'First page') : null,
      r.incidents.pageInfo.hasNextPage && r.incidents.pageInfo.endCursor
        ? viewLink(ctx, { view: 'overview', params: { ...p, after: r.incidents.pageInfo.endCursor, page: String(page + 1) } }, 'Next page')
        : null),
  ];
}

function row(ctx: ViewContext, i: ListIncident) {
  const where = `${i.location.placeName}, ${i.location.countryName ?? countryName(i.location.countryCode)}`;
  return h('tr', {},
    h('td', { class: 'nowrap' }, shortDay(i.occurredFrom)),
    h('td', {}, viewLink(ctx, { view: 'incident', id: i.id }, where), h('br'), h('span', { class: 'muted' }, i.munition.type)),
    h('td', {}, i.allegedUser.name ?? (i.allegedUser.stateCodes.map(countryName).join(', ') || 'unknown')),
    h('td', {}, statusBadge(i.assessment.status), i.assessment.statusSince ? [h('br'), h('span', { class: 'muted nowrap' }, shortDay(i.assessment.statusSince))] : null));
}

function filtersForm(ctx: ViewContext) {
  const p = ctx.route.params;
  const countryList = h('datalist', { id: 'country-codes' }, allCountries().map((c) => h('option', { value: c.code }, c.name)));
  const code = (name: string, value?: string) => h('input', {
    name, value: value ?? '', list: 'country-codes', pattern: '[A-Za-z]{3}', maxlength: 3, size: 5, autocomplete: 'off',
  });
  const select = (name: string, values: readonly string[], labels: Record<string, string>, value?: string) =>
    h('select', { name }, h('option', { value: '' }, 'Any'), values.map((v) => h('option', { value: v, selected: v === value }, labels[v] ?? v)));
  const form = h('form', {
    class: 'filters', 'aria-label': 'Filters',
    onsubmit: ((e: Event) => {
      e.preventDefault();
      const data = new FormData(form);
      const next: Record<string, string> = { asOf: p.asOf ?? '', clock: p.clock ?? '', sort: p.sort ?? '', order: p.order ?? '' };
      for (const [k, v] of data) next[k] = k === 'country' || k === 'user' ? String(v).toUpperCase() : String(v);
      ctx.go({ view: 'overview', params: next });
    }) as EventListener,
  },
  countryList,
  field('Country', code('country', p.country), 'ISO code, e.g. YEM'),
  field('Alleged user', code('user', p.user), 'ISO code, e.g. SAU'),
  field('Search', h('input', { type: 'search', name: 'text', value: p.text ?? '', maxlength: 200 }), 'place, munition or summary'),
  field('Status', select('status', STATUSES, STATUS_LABEL, p.status)),
  field('Readiness', select('readiness', READINESS, READINESS_SHORT, p.readiness)),
  field('Occurred from', h('input', { type: 'date', name: 'from', value: p.from ?? '' })),
  field('Occurred to', h('input', { type: 'date', name: 'to', value: p.to ?? '' })),
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Filter'),
    viewLink(ctx, { view: 'overview' }, 'Clear')));
  return form;
}
