/** One incident: details, the verdict in words, its status history, the evidence, and who spoke about it. */
import { gql } from '../api/client';
import { INCIDENT, type IncidentDetail, type IncidentResult, type SituationName } from '../api/documents';
import { asOfArgs } from '../as-of';
import { countryName } from '../countries';
import { h, replace } from '../dom';
import { day, lagWords, period, say } from '../words';
import { citationLinks, errorBox, isAbort, loading, statusBadge, type ViewContext, viewLink } from './parts';
import { verdict } from './verdict';

export function renderIncident(main: HTMLElement, ctx: ViewContext): void {
  replace(main, h('h1', {}, 'Incident'), loading('the incident'));
  gql<IncidentResult>(INCIDENT, { id: ctx.route.id, ...asOfArgs(ctx.route.params) }, ctx.signal)
    .then(({ incident, situations }) => replace(main, ...incidentView(ctx, incident, situations)))
    .catch((e) => isAbort(e) || replace(main, h('h1', {}, 'Incident'), errorBox(e)));
}

const where = (i: IncidentDetail) =>
  `${i.location.placeName}, ${i.location.countryName ?? countryName(i.location.countryCode)}`;
const user = (i: IncidentDetail) => i.allegedUser.name ?? (i.allegedUser.stateCodes.join(', ') || 'unknown');

function incidentView(ctx: ViewContext, i: IncidentDetail, situations: SituationName[]) {
  return [
    h('p', { class: 'crumbs no-print' }, viewLink(ctx, { view: 'overview' }, '← Overview')),
    h('h1', {}, `${i.munition.type} in ${where(i)}`),
    h('p', { class: 'lead' }, i.summary),
    h(
      'p',
      { class: 'no-print' },
      h('button', { type: 'button', onclick: (() => window.print()) as EventListener }, 'Print briefing'),
    ),
    verdict(ctx, i),
    h('div', { class: 'two-col' }, details(ctx, i, situations), history(i)),
    corroborations(i),
    investigations(i),
    statements(ctx, i),
  ];
}

/** Who spoke out about it: its situation's report when it has one, else its alleged user's in its country. */
const speakOutLink = (ctx: ViewContext, i: IncidentDetail) =>
  viewLink(
    ctx,
    {
      view: 'speak-out',
      params: i.situationId
        ? { situation: i.situationId }
        : { user: i.allegedUser.stateCodes[0] ?? '', country: i.location.countryCode },
    },
    'who spoke out',
  );

function details(ctx: ViewContext, i: IncidentDetail, situations: SituationName[]) {
  const situation = situations.find((x) => x.id === i.situationId);
  const { latitude, longitude, precisionMeters } = i.location;
  const row = (term: string, ...value: (string | Node | null)[]) =>
    h('div', {}, h('dt', {}, term), h('dd', {}, ...value));
  return h(
    'section',
    { 'aria-labelledby': 'details-h' },
    h('h2', { id: 'details-h' }, 'Details'),
    h(
      'dl',
      { class: 'details' },
      row('Occurred', period(i.occurredFrom, i.occurredTo)),
      row(
        'Where',
        where(i),
        latitude !== null && longitude !== null
          ? ` (${latitude.toFixed(2)}, ${longitude.toFixed(2)}` +
              `${precisionMeters ? ` ± ${Math.round(precisionMeters / 1000)} km` : ''})`
          : null,
      ),
      row('Munition', `${i.munition.type}, ${say(i.munition.delivery)}`),
      row('Alleged user', user(i), ` (${say(i.allegedUser.kind)})`, ' · ', speakOutLink(ctx, i)),
      situation ? row('Situation', situation.name) : null,
      row(
        'Casualties',
        i.casualties ? `${i.casualties.killed ?? '?'} killed, ${i.casualties.injured ?? '?'} injured` : 'not known',
      ),
      row('First reported', day(i.reportedOn)),
      row('Recorded', new Date(i.recordedAt).toISOString().slice(0, 16).replace('T', ' ') + ' UTC'),
      i.mergedDuplicates.length ? row('Merged duplicates', i.mergedDuplicates.join(', ')) : null,
    ),
  );
}

function history(i: IncidentDetail) {
  return h(
    'section',
    { 'aria-labelledby': 'history-h' },
    h('h2', { id: 'history-h' }, 'Status history'),
    i.statusHistory.length === 0
      ? h('p', {}, 'No status yet on this date.')
      : h(
          'ol',
          { class: 'timeline' },
          i.statusHistory.map((c) =>
            h(
              'li',
              {},
              h('time', { datetime: c.on }, day(c.on)),
              ' ',
              statusBadge(c.status),
              ' ',
              h('span', { class: 'muted' }, say(c.rule)),
            ),
          ),
        ),
  );
}

function corroborations(i: IncidentDetail) {
  return h(
    'section',
    { 'aria-labelledby': 'corr-h' },
    h('h2', { id: 'corr-h' }, `Corroborations (${i.corroborations.length})`),
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
            ['Source', 'Grade', 'Stance', 'Evidence', 'Published', 'Citation'].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h(
          'tbody',
          {},
          i.corroborations.map((c) =>
            h(
              'tr',
              { class: c.retractedOn ? 'retracted' : null },
              h(
                'td',
                {},
                c.source.name,
                c.summary ? [h('br'), h('span', { class: 'muted' }, c.summary)] : null,
                c.derivedFrom ? [h('br'), h('em', {}, 'repeats another report (not independent)')] : null,
                c.retractedOn
                  ? [h('br'), h('em', {}, `retracted on ${day(c.retractedOn)}: ${c.retractionReason ?? ''}`)]
                  : null,
              ),
              h('td', {}, c.source.grade),
              h('td', {}, say(c.stance)),
              h('td', {}, c.evidenceKinds.map(say).join(', ') || '—'),
              h('td', {}, day(c.publishedOn)),
              h('td', {}, citationLinks(c.citation)),
            ),
          ),
        ),
      ),
    ),
  );
}

function investigations(i: IncidentDetail) {
  return h(
    'section',
    { 'aria-labelledby': 'inv-h' },
    h('h2', { id: 'inv-h' }, `Investigations (${i.investigations.length})`),
    i.investigations.length === 0
      ? h('p', {}, 'None.')
      : h(
          'ul',
          {},
          i.investigations.map((v) =>
            h(
              'li',
              {},
              h('strong', {}, v.investigator.name ?? v.investigator.stateCode ?? say(v.investigator.kind)),
              ` (${say(v.investigator.kind)}), opened ${day(v.openedOn)}: `,
              v.mandate,
              ' — ',
              v.outcome
                ? `concluded ${day(v.concludedOn)}: ${say(v.outcome)}${v.findings ? `. ${v.findings}` : ''}`
                : 'still open',
            ),
          ),
        ),
  );
}

/** How a statement covers the incident, in words (the speak-out report counts each of these). */
const SCOPE_WORDS: Record<IncidentDetail['referringStatements'][number]['scope'], string> = {
  INCIDENT: 'this incident',
  SITUATION: 'its situation',
  USER: 'its alleged user',
  GENERIC: 'any use by any actor',
};

/** A joint statement by the whole membership lists a hundred names: folded, so that a briefing stays one page. */
const FOLD_SPEAKERS_ABOVE = 6;

function speakerList(ctx: ViewContext, speakers: { stateCode: string; name?: string | null }[]) {
  const links = speakers.map((sp, n) => [
    n ? ', ' : '',
    viewLink(ctx, { view: 'state', id: sp.stateCode }, sp.name ?? sp.stateCode),
  ]);
  if (speakers.length <= FOLD_SPEAKERS_ABOVE) return links;
  return h('details', {}, h('summary', {}, `${speakers.length} States`), links);
}

function statements(ctx: ViewContext, i: IncidentDetail) {
  const list = [...i.referringStatements].sort((a, b) =>
    a.statement.deliveredOn.localeCompare(b.statement.deliveredOn),
  );
  return h(
    'section',
    { 'aria-labelledby': 'st-h' },
    h('h2', { id: 'st-h' }, `Statements (${list.length})`),
    list.length === 0
      ? h('p', {}, 'No State has spoken about this incident yet.')
      : h(
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
                ['Delivered', 'Who', 'Kind', 'About', 'Venue', 'Lag'].map((t) => h('th', { scope: 'col' }, t)),
                // A briefing lists who spoke and when; the words stay on screen (and one page stays one page).
                h('th', { scope: 'col', class: 'no-print' }, 'Words'),
              ),
            ),
            h(
              'tbody',
              {},
              list.map(({ statement: st, scope, lagDays }) =>
                h(
                  'tr',
                  {},
                  h('td', {}, day(st.deliveredOn)),
                  h(
                    'td',
                    {},
                    speakerList(ctx, st.speakers),
                    st.onBehalfOf ? h('span', { class: 'muted' }, ` on behalf of ${st.onBehalfOf}`) : null,
                  ),
                  h('td', {}, say(st.kind)),
                  h('td', {}, SCOPE_WORDS[scope]),
                  h('td', {}, say(st.venue)),
                  h(
                    'td',
                    { class: lagDays !== null && lagDays < 0 ? 'anticipatory' : null },
                    st.kind === 'CONDEMNATION' ? lagWords(lagDays) : '—', // the lag measures condemnations only
                  ),
                  h('td', { class: 'quote no-print' }, h('q', {}, st.quote), ' ', citationLinks(st.citation)),
                ),
              ),
            ),
          ),
        ),
  );
}
