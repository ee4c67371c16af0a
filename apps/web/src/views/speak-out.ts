/**
 * Who spoke out: for an alleged user, a country or a period, which States Parties condemned, expressed concern
 * or stayed silent.
 */
import { gql } from '../api/client';
import { SPEAK_OUT, type SpeakOutFilter, type SpeakOutResult } from '../api/documents';
import { asOfArgs } from '../as-of';
import { allCountries, countryName } from '../countries';
import { field, h, replace } from '../dom';
import { lagChart } from '../lag-chart';
import { day, say } from '../words';
import { errorBox, isAbort, loading, type ViewContext, viewLink } from './parts';

export function renderSpeakOut(main: HTMLElement, ctx: ViewContext): void {
  const p = ctx.route.params;
  const filter: SpeakOutFilter = { allegedUser: p.user, countryCode: p.country, from: p.from, to: p.to };
  const body = h('div', {}, loading('the report'));
  replace(main, h('h1', {}, 'Who spoke out', scopeWords(p)), filtersForm(ctx), body);
  gql<SpeakOutResult>(SPEAK_OUT, { filter, ...asOfArgs(p) }, ctx.signal)
    .then((r) => replace(body, ...report(ctx, r.speakOutReport)))
    .catch((e) => isAbort(e) || replace(body, errorBox(e)));
}

const scopeWords = (p: Record<string, string>) =>
  [p.user ? ` about use by ${countryName(p.user)}` : '', p.country ? ` in ${countryName(p.country)}` : ''].join('');

function report(ctx: ViewContext, r: SpeakOutResult['speakOutReport']) {
  const stateLink = (code: string, name: string | null) =>
    viewLink(ctx, { view: 'state', id: code }, name ?? countryName(code));
  const group = (
    id: string,
    title: string,
    rows: { stateCode: string; name: string; firstOn?: string }[],
    empty: string,
  ) =>
    h(
      'section',
      { class: 'group', 'aria-labelledby': id },
      h('h3', { id }, `${title} (${rows.length})`),
      rows.length === 0
        ? h('p', {}, empty)
        : h(
            'ul',
            { class: 'states' },
            rows.map((x) =>
              h(
                'li',
                {},
                stateLink(x.stateCode, x.name),
                x.firstOn ? h('span', { class: 'muted' }, ` first on ${day(x.firstOn)}`) : null,
              ),
            ),
          ),
    );
  return [
    h(
      'p',
      { class: 'lead' },
      `As of ${day(r.asOf)}: ${r.incidentIds.length} incident(s) match, ${r.confirmedIncidentIds.length} confirmed; `,
      `${r.statesPartiesCount} States Parties.`,
    ),
    h(
      'div',
      { class: 'groups' },
      group('condemned-h', 'Condemned', r.condemned, 'No State Party has condemned.'),
      group('concern-h', 'Expressed concern', r.expressedConcern, 'No State Party has expressed concern only.'),
      group('silent-h', 'Silent', r.silent, 'Every State Party has spoken.'),
    ),
    h(
      'section',
      { 'aria-labelledby': 'lag-h' },
      h('h2', { id: 'lag-h' }, 'Days from confirmation to condemnation'),
      h(
        'p',
        {},
        r.lags.length === 0
          ? 'No condemnation of a confirmed incident yet.'
          : `${r.lags.length} condemnation(s); median ${r.medianLagDays ?? '—'} days, ` +
            `longest ${r.maxLagDays ?? '—'} days.`,
      ),
      r.lags.length
        ? lagChart(
            r.lags.map((l) => l.days),
            'lag-h',
          )
        : null,
    ),
    r.nonPartiesThatSpoke.length
      ? h(
          'section',
          { 'aria-labelledby': 'nonparties-h' },
          h('h2', { id: 'nonparties-h' }, 'States not party that spoke'),
          h(
            'ul',
            {},
            r.nonPartiesThatSpoke.map((n) =>
              h('li', {}, stateLink(n.stateCode, n.name), ` (${say(n.ccmStatus)}): `, n.kinds.map(say).join(', ')),
            ),
          ),
        )
      : null,
  ];
}

function filtersForm(ctx: ViewContext) {
  const p = ctx.route.params;
  const code = (name: string, value?: string) =>
    h('input', {
      name,
      value: value ?? '',
      list: 'so-codes',
      pattern: '[A-Za-z]{3}',
      maxlength: 3,
      size: 5,
      autocomplete: 'off',
    });
  const form = h(
    'form',
    {
      class: 'filters',
      'aria-label': 'Filters',
      onsubmit: ((e: Event) => {
        e.preventDefault();
        const next: Record<string, string> = { asOf: p.asOf ?? '', clock: p.clock ?? '' };
        for (const [k, v] of new FormData(form))
          next[k] = k === 'country' || k === 'user' ? String(v).toUpperCase() : String(v);
        ctx.go({ view: 'speak-out', params: next });
      }) as EventListener,
    },
    h(
      'datalist',
      { id: 'so-codes' },
      allCountries().map((c) => h('option', { value: c.code }, c.name)),
    ),
    field('Alleged user', code('user', p.user), 'ISO code, e.g. SAU'),
    field('Country', code('country', p.country), 'ISO code, e.g. YEM'),
    field('Occurred from', h('input', { type: 'date', name: 'from', value: p.from ?? '' })),
    field('Occurred to', h('input', { type: 'date', name: 'to', value: p.to ?? '' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Show')),
  );
  return form;
}
