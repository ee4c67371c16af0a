/**
 * Who spoke out: for a situation, an alleged user, a country or a period, each State Party's strongest response
 * (with its scope, date and lag after confirmation), its generic condemnation and its votes; silent States apart.
 */
import { gql } from '../api/client';
import {
  type ResponseLine,
  SPEAK_OUT,
  type SituationName,
  type SpeakOutFilter,
  type SpeakOutResult,
} from '../api/documents';
import { asOfArgs } from '../as-of';
import { allCountries, countryName } from '../countries';
import { field, h, replace } from '../dom';
import { lagChart } from '../lag-chart';
import { day, lagCell } from '../words';
import { errorBox, isAbort, loading, type ViewContext } from './parts';
import { byDate, genericList, responseTable, silentList } from './speak-out-table';

export function renderSpeakOut(main: HTMLElement, ctx: ViewContext): void {
  const p = ctx.route.params;
  const filter: SpeakOutFilter = {
    situationId: p.situation,
    allegedUser: p.user,
    countryCode: p.country,
    from: p.from,
    to: p.to,
  };
  replace(main, h('h1', {}, 'Who spoke out', scopeWords(p, [])), loading('the report'));
  gql<SpeakOutResult>(SPEAK_OUT, { filter: { ...filter, ...asOfArgs(p) } }, ctx.signal)
    .then((r) =>
      replace(
        main,
        h('h1', {}, 'Who spoke out', scopeWords(p, r.situations)),
        filtersForm(ctx, r.situations),
        ...report(ctx, r.speakOutReport),
      ),
    )
    .catch((e) => {
      if (isAbort(e)) return;
      replace(main, h('h1', {}, 'Who spoke out', scopeWords(p, [])), filtersForm(ctx, []), errorBox(e));
    });
}

function scopeWords(p: Record<string, string>, situations: SituationName[]): string {
  const situation = p.situation ? (situations.find((s) => s.id === p.situation)?.name ?? 'a situation') : '';
  return [
    situation ? ` about ${situation}` : '',
    p.user ? ` about use by ${countryName(p.user)}` : '',
    p.country ? ` in ${countryName(p.country)}` : '',
  ].join('');
}

function report(ctx: ViewContext, r: SpeakOutResult['speakOutReport']) {
  const lines = [...r.statesParties].sort(byDate);
  const specific = lines.filter((x) => x.kind === 'CONDEMNATION' && x.scope !== 'GENERIC');
  const generalOnly = lines.filter((x) => x.kind === 'CONDEMNATION' && x.scope === 'GENERIC');
  const concern = lines.filter((x) => x.kind !== null && x.kind !== 'CONDEMNATION');
  const silent = lines.filter((x) => x.kind === null).sort((a, b) => a.stateCode.localeCompare(b.stateCode));
  const lags = lines.flatMap((x) => (x.lagDays === null ? [] : [x.lagDays]));
  const counted = lags.length === 1 ? '1 State Party' : `${lags.length} States Parties`;
  const group = (id: string, title: string, rows: ResponseLine[], empty: string, body: () => Node) =>
    h(
      'section',
      { class: 'group', 'aria-labelledby': id },
      h('h2', { id }, `${title} (${rows.length})`),
      rows.length === 0 ? h('p', {}, empty) : body(),
    );
  return [
    h(
      'p',
      { class: 'lead' },
      `As of ${day(r.asOf)}: ${r.incidentIds.length} incident(s) match, ${r.firstConfirmations.length} ever ` +
        `confirmed (${r.confirmedIncidentIds.length} confirmed now); ${r.statesPartiesCount} States Parties. ` +
        'Each State Party is listed once, by its strongest response: a condemnation before concern, and between two ' +
        'of the same kind the one naming the incident, then the situation, then the user, then any use.',
    ),
    group('condemned-h', 'Condemned this use', specific, 'No State Party has condemned this use by name.', () =>
      responseTable(ctx, specific),
    ),
    group(
      'generic-h',
      'Condemned only any use by any actor',
      generalOnly,
      'No State Party condemned only in general terms.',
      () =>
        h(
          'div',
          {},
          h(
            'p',
            {},
            'Their strongest response names neither the incidents, nor the situation, nor the user. ',
            'Date of that condemnation, lag after confirmation, votes:',
          ),
          genericList(ctx, generalOnly),
        ),
    ),
    group('concern-h', 'Expressed concern or called for an investigation', concern, 'None.', () =>
      responseTable(ctx, concern),
    ),
    group('silent-h', 'Silent', silent, 'Every State Party has spoken.', () => silentList(ctx, silent)),
    h(
      'section',
      { 'aria-labelledby': 'lag-h' },
      h('h2', { id: 'lag-h' }, 'Days from confirmation to condemnation'),
      h(
        'p',
        {},
        lags.length === 0
          ? 'No State Party has condemned a confirmed incident yet.'
          : `${counted}, each counted once: median ${r.medianLagDays ?? '—'} days, ` +
              `shortest ${lagCell(r.minLagDays)}, longest ${lagCell(r.maxLagDays)}. ` +
              'A negative lag is an anticipatory condemnation, made before the incident was confirmed.',
      ),
      lags.length ? lagChart(lags, 'lag-h') : null,
    ),
    r.nonPartiesThatSpoke.length
      ? h(
          'section',
          { class: 'group', 'aria-labelledby': 'nonparties-h' },
          h('h2', { id: 'nonparties-h' }, `States not party that spoke (${r.nonPartiesThatSpoke.length})`),
          responseTable(ctx, [...r.nonPartiesThatSpoke].sort(byDate), true),
        )
      : null,
  ];
}

function filtersForm(ctx: ViewContext, situations: SituationName[]) {
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
          if (typeof v === 'string') next[k] = k === 'country' || k === 'user' ? v.toUpperCase() : v;
        ctx.go({ view: 'speak-out', params: next });
      }) as EventListener,
    },
    h(
      'datalist',
      { id: 'so-codes' },
      allCountries().map((c) => h('option', { value: c.code }, c.name)),
    ),
    field(
      'Situation',
      h(
        'select',
        { name: 'situation' },
        h('option', { value: '' }, 'Any'),
        situations.map((s) => h('option', { value: s.id, selected: s.id === p.situation }, s.name)),
      ),
    ),
    field('Alleged user', code('user', p.user), 'ISO code, e.g. SAU'),
    field('Country', code('country', p.country), 'ISO code, e.g. YEM'),
    field('Occurred from', h('input', { type: 'date', name: 'from', value: p.from ?? '' })),
    field('Occurred to', h('input', { type: 'date', name: 'to', value: p.to ?? '' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Show')),
  );
  return form;
}
