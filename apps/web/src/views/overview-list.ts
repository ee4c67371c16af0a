/** The overview's list (sortable, paged) and its filters. */
import { gql } from '../api/client';
import { type IncidentListResult, type ListIncident, SITUATIONS, type SituationsResult } from '../api/documents';
import { allCountries, countryName } from '../countries';
import { field, h } from '../dom';
import { READINESS, READINESS_SHORT, STATUSES, STATUS_LABEL, shortDay } from '../words';
import { isAbort, statusBadge, type ViewContext, viewLink } from './parts';

export const PAGE_SIZE = 25;

export function listView(ctx: ViewContext, r: IncidentListResult, sort: string) {
  const p = ctx.route.params;
  const page = Number(p.page ?? '1');
  const desc = p.order !== 'asc';
  const header = (label: string, key: string) => {
    const active = sort === key;
    const next = active && desc ? 'asc' : 'desc';
    return h(
      'th',
      { scope: 'col', 'aria-sort': active ? (desc ? 'descending' : 'ascending') : 'none' },
      viewLink(
        ctx,
        { view: 'overview', params: { ...p, sort: key, order: next, after: '', page: '' } },
        label,
        active ? (desc ? ' ↓' : ' ↑') : '',
      ),
    );
  };
  const rows = r.incidents.edges.map(({ node }) => row(ctx, node));
  const first = (page - 1) * PAGE_SIZE + 1;
  return [
    h(
      'p',
      { class: 'list-summary' },
      r.incidents.totalCount === 0
        ? 'No incident matches these filters.'
        : `${first}–${first + rows.length - 1} of ${r.incidents.totalCount}`,
    ),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            header('Occurred', 'OCCURRED'),
            h('th', { scope: 'col' }, 'Where'),
            h('th', { scope: 'col' }, 'Alleged user'),
            header('Status (since)', 'STATUS_CHANGED'),
          ),
        ),
        h('tbody', {}, rows),
      ),
    ),
    h(
      'nav',
      { class: 'pager', 'aria-label': 'Pages' },
      page > 1 ? viewLink(ctx, { view: 'overview', params: { ...p, after: '', page: '' } }, 'First page') : null,
      r.incidents.pageInfo.hasNextPage && r.incidents.pageInfo.endCursor
        ? viewLink(
            ctx,
            { view: 'overview', params: { ...p, after: r.incidents.pageInfo.endCursor, page: String(page + 1) } },
            'Next page',
          )
        : null,
    ),
  ];
}

function row(ctx: ViewContext, i: ListIncident) {
  const where = `${i.location.placeName}, ${i.location.countryName ?? countryName(i.location.countryCode)}`;
  return h(
    'tr',
    {},
    h('td', { class: 'nowrap' }, shortDay(i.occurredFrom)),
    h(
      'td',
      {},
      viewLink(ctx, { view: 'incident', id: i.id }, where),
      h('br'),
      h('span', { class: 'muted' }, i.munition.type),
    ),
    h('td', {}, i.allegedUser.name ?? (i.allegedUser.stateCodes.map(countryName).join(', ') || 'unknown')),
    h(
      'td',
      {},
      statusBadge(i.assessment.status),
      i.assessment.statusSince
        ? [h('br'), h('span', { class: 'muted nowrap' }, shortDay(i.assessment.statusSince))]
        : null,
    ),
  );
}

/** The situations to filter by, filled in when they arrive (the chosen one is kept meanwhile). */
function situationSelect(ctx: ViewContext): HTMLSelectElement {
  const chosen = ctx.route.params.situation;
  const select = h(
    'select',
    { name: 'situation' },
    h('option', { value: '' }, 'Any'),
    chosen ? h('option', { value: chosen, selected: true }, 'Loading…') : null,
  );
  gql<SituationsResult>(SITUATIONS, {}, ctx.signal)
    .then(({ situations }) =>
      select.replaceChildren(
        h('option', { value: '' }, 'Any'),
        ...situations.map((x) => h('option', { value: x.id, selected: x.id === chosen }, x.name)),
      ),
    )
    .catch((e) => {
      if (!isAbort(e)) select.replaceChildren(h('option', { value: chosen ?? '' }, 'Situations could not be loaded'));
    });
  return select;
}

export function filtersForm(ctx: ViewContext) {
  const p = ctx.route.params;
  // The ~250 countries are wanted only once someone types a code: listed when the browser is idle or a field is
  // focused, not while the overview's first paint waits for them.
  const countryList = h('datalist', { id: 'country-codes' });
  const listCountries = () => {
    if (countryList.firstChild) return;
    countryList.append(...allCountries().map((c) => h('option', { value: c.code }, c.name)));
  };
  // Safari has no requestIdleCallback: there, soon after the page is built.
  if ('requestIdleCallback' in window) requestIdleCallback(listCountries, { timeout: 2000 });
  else setTimeout(listCountries, 500);
  const code = (name: string, value?: string) =>
    h('input', {
      name,
      value: value ?? '',
      list: 'country-codes',
      pattern: '[A-Za-z]{3}',
      maxlength: 3,
      size: 5,
      autocomplete: 'off',
    });
  const select = (name: string, values: readonly string[], labels: Record<string, string>, value?: string) =>
    h(
      'select',
      { name },
      h('option', { value: '' }, 'Any'),
      values.map((v) => h('option', { value: v, selected: v === value }, labels[v] ?? v)),
    );
  const form = h(
    'form',
    {
      class: 'filters',
      'aria-label': 'Filters',
      onfocusin: listCountries,
      onsubmit: ((e: Event) => {
        e.preventDefault();
        const data = new FormData(form);
        const next: Record<string, string> = {
          asOf: p.asOf ?? '',
          clock: p.clock ?? '',
          sort: p.sort ?? '',
          order: p.order ?? '',
        };
        for (const [k, v] of data)
          if (typeof v === 'string') next[k] = k === 'country' || k === 'user' ? v.toUpperCase() : v;
        ctx.go({ view: 'overview', params: next });
      }) as EventListener,
    },
    countryList,
    field('Situation', situationSelect(ctx)),
    field('Country', code('country', p.country), 'ISO code, e.g. YEM'),
    field('Alleged user', code('user', p.user), 'ISO code, e.g. SAU'),
    field(
      'Search',
      h('input', { type: 'search', name: 'text', value: p.text ?? '', maxlength: 200 }),
      'place, munition or summary',
    ),
    field('Status', select('status', STATUSES, STATUS_LABEL, p.status)),
    field('Readiness', select('readiness', READINESS, READINESS_SHORT, p.readiness)),
    field('Occurred from', h('input', { type: 'date', name: 'from', value: p.from ?? '' })),
    field('Occurred to', h('input', { type: 'date', name: 'to', value: p.to ?? '' })),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit' }, 'Filter'),
      viewLink(ctx, { view: 'overview' }, 'Clear'),
    ),
  );
  return form;
}
