/** A State: its statements in order, the status of the incidents it spoke about on each date, and its CCM status. */
import { gql } from '../api/client';
import {
  type SituationName,
  type StatementScope,
  STATES,
  STATE_TIMELINE,
  type StateInfo,
  type StateTimelineResult,
  type StatesResult,
} from '../api/documents';
import { countryName } from '../countries';
import { field, h, replace } from '../dom';
import { day, endOfDay, say } from '../words';
import { citationLinks, errorBox, isAbort, loading, statusBadge, type ViewContext, viewLink } from './parts';

export function renderState(main: HTMLElement, ctx: ViewContext): void {
  const code = ctx.route.id;
  if (!code) return renderChooser(main, ctx);
  replace(main, h('h1', {}, countryName(code)), loading('the timeline'));
  gql<StateTimelineResult>(STATE_TIMELINE, { stateCode: code, on: ctx.route.params.asOf }, ctx.signal)
    .then((r) => replace(main, ...timelineView(ctx, r)))
    .catch((e) => isAbort(e) || replace(main, h('h1', {}, countryName(code)), errorBox(e)));
}

function renderChooser(main: HTMLElement, ctx: ViewContext): void {
  const input = h('input', {
    name: 'state',
    list: 'state-codes',
    pattern: '[A-Za-z]{3}',
    maxlength: 3,
    size: 5,
    required: true,
    autocomplete: 'off',
  });
  const list = h('ul', { class: 'state-list' }, loading('the States'));
  replace(
    main,
    h('h1', {}, 'States'),
    h(
      'form',
      {
        class: 'filters',
        'aria-label': 'Choose a State',
        onsubmit: ((e: Event) => {
          e.preventDefault();
          ctx.go({ view: 'state', id: input.value.toUpperCase(), params: ctx.route.params });
        }) as EventListener,
      },
      field('State', input, 'ISO code, e.g. GBR'),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Open')),
    ),
    h('h2', {}, 'Convention on Cluster Munitions: signatories and States Parties'),
    list,
  );
  gql<StatesResult>(STATES, { on: ctx.route.params.asOf }, ctx.signal)
    .then((r) => {
      main.appendChild(
        h(
          'datalist',
          { id: 'state-codes' },
          r.states.map((st) => h('option', { value: st.stateCode }, st.name)),
        ),
      );
      replace(
        list,
        r.states.map((st) =>
          h(
            'li',
            {},
            viewLink(ctx, { view: 'state', id: st.stateCode }, st.name),
            h('span', { class: 'muted' }, ` ${say(st.ccmStatus)}`),
          ),
        ),
      );
    })
    .catch((e) => isAbort(e) || replace(list, errorBox(e)));
}

/** The as-of picker applies here too: statements delivered (KNOWN) or recorded (RECORDED) by that day. */
function visible(ctx: ViewContext) {
  const { asOf, clock } = ctx.route.params;
  if (!asOf) return () => true;
  return clock === 'RECORDED'
    ? (st: { recordedAt: string }) => st.recordedAt <= endOfDay(asOf)
    : (st: { deliveredOn: string }) => st.deliveredOn <= asOf;
}

function ccmLine(info: StateInfo | undefined): string {
  if (!info) return 'Not a signatory nor a State Party of the Convention on Cluster Munitions.';
  const parts = [
    info.signedOn ? `signed on ${day(info.signedOn)}` : null,
    info.ratifiedOrAccededOn ? `ratified or acceded on ${day(info.ratifiedOrAccededOn)}` : null,
    info.withdrawnOn ? `withdrew on ${day(info.withdrawnOn)}` : null,
  ].filter(Boolean);
  return `${say(info.ccmStatus)}${parts.length ? `: ${parts.join(', ')}` : ''}.`;
}

/** What a statement speaks about besides incidents: situations by name, an alleged user, or any use. */
function scopeWords(scope: StatementScope, situations: SituationName[]) {
  const about = [
    ...scope.situationIds.map((id) => `the situation ${situations.find((x) => x.id === id)?.name ?? id}`),
    scope.allegedUser
      ? `use by ${scope.allegedUser.name ?? scope.allegedUser.stateCodes.map(countryName).join(', ')}`
      : null,
    scope.generic ? 'any use of cluster munitions by any actor' : null,
  ].filter(Boolean);
  return about.length ? h('p', { class: 'about' }, `About ${about.join('; ')}.`) : null;
}

function timelineView(ctx: ViewContext, r: StateTimelineResult) {
  const t = r.stateTimeline;
  const info = r.states.find((st) => st.stateCode === t.stateCode);
  const show = visible(ctx);
  const entries = t.entries.filter((e) => show(e.statement));
  return [
    h('p', { class: 'crumbs' }, viewLink(ctx, { view: 'state' }, '← States')),
    h('h1', {}, t.name ?? countryName(t.stateCode)),
    h(
      'p',
      { class: 'lead' },
      `CCM status${ctx.route.params.asOf ? ` on ${day(ctx.route.params.asOf)}` : ''}: ${ccmLine(info)}`,
    ),
    h('h2', {}, `Statements (${entries.length})`),
    entries.length === 0
      ? h('p', {}, 'No statement recorded for this State.')
      : h(
          'ol',
          { class: 'timeline statements' },
          entries.map((e) =>
            h(
              'li',
              {},
              h(
                'p',
                {},
                h('time', { datetime: e.statement.deliveredOn }, day(e.statement.deliveredOn)),
                ' — ',
                h('strong', {}, say(e.statement.kind)),
                `, ${say(e.statement.venue)}`,
                e.statement.onBehalfOf ? ` (on behalf of ${e.statement.onBehalfOf})` : '',
                h('span', { class: 'muted' }, ` · then ${say(e.ccmStatus)}`),
              ),
              h('p', {}, h('q', {}, e.statement.quote), ' ', citationLinks(e.statement.citation)),
              e.incidents.length
                ? h(
                    'ul',
                    { class: 'then' },
                    e.incidents.map((i) =>
                      h(
                        'li',
                        {},
                        viewLink(
                          ctx,
                          { view: 'incident', id: i.canonicalIncidentId ?? i.incidentId },
                          `Incident ${(i.canonicalIncidentId ?? i.incidentId).slice(0, 8)}`,
                        ),
                        ': that day ',
                        statusBadge(i.status),
                      ),
                    ),
                  )
                : null,
              scopeWords(e.statement.scope, r.situations),
            ),
          ),
        ),
  ];
}
