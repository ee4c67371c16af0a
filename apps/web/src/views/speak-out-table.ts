/** The speak-out report's lines as tables: one row per State, its strongest response with scope, date and lag. */
import type { ResponseLine } from '../api/documents';
import { countryName } from '../countries';
import { h } from '../dom';
import { lagCell, SCOPE_LABEL, say, shortDay, VOTE_LABEL } from '../words';
import { type ViewContext, viewLink } from './parts';

const stateLink = (ctx: ViewContext, x: ResponseLine) =>
  viewLink(ctx, { view: 'state', id: x.stateCode }, x.name ?? countryName(x.stateCode));

/** The response in words; a YES vote says which resolution it was. */
function response(x: ResponseLine): string {
  if (!x.kind) return '—';
  const vote = x.resolutionId ? x.votes.find((v) => v.resolutionId === x.resolutionId) : undefined;
  return vote ? `${say(x.kind)} (voted yes on ${vote.symbol})` : say(x.kind);
}

const votes = (x: ResponseLine) =>
  x.votes.length === 0 ? '—' : x.votes.map((v) => `${v.symbol}: ${VOTE_LABEL[v.vote] ?? v.vote}`).join('; ');

/** Condemned or expressed concern: every column of the State's line. */
export function responseTable(ctx: ViewContext, lines: readonly ResponseLine[], withStatus = false) {
  const head = [
    'State',
    ...(withStatus ? ['CCM status'] : []),
    'Strongest response',
    'Scope',
    'Date',
    'Days from confirmation to its first condemnation',
    'Generic condemnation',
    'Votes',
  ];
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'responses' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          head.map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        lines.map((x) =>
          h(
            'tr',
            { 'data-state': x.stateCode },
            h('th', { scope: 'row' }, stateLink(ctx, x)),
            withStatus ? h('td', {}, say(x.ccmStatus)) : null,
            h('td', {}, response(x)),
            h('td', { class: `scope scope-${x.scope ?? 'none'}` }, x.scope ? (SCOPE_LABEL[x.scope] ?? x.scope) : '—'),
            h('td', { class: 'nowrap' }, x.on ? h('time', { datetime: x.on }, shortDay(x.on)) : '—'),
            h('td', { class: x.anticipatory ? 'lag anticipatory' : 'lag' }, lagCell(x.lagDays)),
            h('td', { class: 'nowrap generic' }, x.genericCondemnationOn ? shortDay(x.genericCondemnationOn) : '—'),
            h('td', { class: 'votes' }, votes(x)),
          ),
        ),
      ),
    ),
  );
}

/** Silent States: their names, and any vote they cast (a NO or an abstention is not speaking out). */
export function silentList(ctx: ViewContext, lines: readonly ResponseLine[]) {
  return h(
    'ul',
    { class: 'states' },
    lines.map((x) =>
      h(
        'li',
        { 'data-state': x.stateCode },
        stateLink(ctx, x),
        x.votes.length ? h('span', { class: 'muted' }, ` (${votes(x)})`) : null,
      ),
    ),
  );
}

/**
 * States whose only condemnation is generic (any use by any actor): one compact line each, since response, scope
 * and date are mostly the same declaration's; the lag and the votes still differ.
 */
export function genericList(ctx: ViewContext, lines: readonly ResponseLine[]) {
  return h(
    'ul',
    { class: 'states wide' },
    lines.map((x) =>
      h(
        'li',
        { 'data-state': x.stateCode },
        stateLink(ctx, x),
        h(
          'span',
          { class: 'muted' },
          ` ${x.on ? shortDay(x.on) : '—'}`,
          x.lagDays === null ? '' : ', ',
          x.lagDays === null ? '' : h('span', { class: x.anticipatory ? 'anticipatory' : null }, lagCell(x.lagDays)),
          x.votes.length ? `; ${votes(x)}` : '',
        ),
      ),
    ),
  );
}

/** Earliest response first; silent lines by name. */
export const byDate = (a: ResponseLine, b: ResponseLine) =>
  (a.on ?? '9999').localeCompare(b.on ?? '9999') || a.stateCode.localeCompare(b.stateCode);
