/**
 * The verdict in plain words: status, since when, why (the policy's reasons, which name their sources), on what
 * evidence, which sources, what is missing, and the first confirmation every lag counts from.
 */
import type { IncidentDetail } from '../api/documents';
import { h } from '../dom';
import { day, say, verdictHeadline } from '../words';
import { readinessBadge, statusBadge, type ViewContext } from './parts';

const corroborationLabel = (c: IncidentDetail['corroborations'][number]) =>
  `${c.source.name} (grade ${c.source.grade}; ${c.evidenceKinds.map(say).join(', ') || 'no evidence kind'}; ` +
  `${day(c.publishedOn)})`;
const investigationLabel = (v: IncidentDetail['investigations'][number]) =>
  `investigation by ${v.investigator.name ?? v.investigator.stateCode ?? say(v.investigator.kind)}: ` +
  `${say(v.outcome ?? 'open')} (${day(v.concludedOn ?? v.openedOn)})`;
const statementLabel = (st: IncidentDetail['referringStatements'][number]['statement']) =>
  `${say(st.kind).toLowerCase()} by ${st.speakers.map((sp) => sp.name ?? sp.stateCode).join(', ')} ` +
  `(${day(st.deliveredOn)})`;

function evidenceNames(i: IncidentDetail): string[] {
  const ids = new Set(i.assessment.evidenceIds);
  return [
    ...i.corroborations.filter((c) => ids.has(c.id)).map(corroborationLabel),
    ...i.investigations.filter((v) => ids.has(v.id)).map(investigationLabel),
    ...i.referringStatements.filter((r) => ids.has(r.statement.id)).map(({ statement: st }) => statementLabel(st)),
  ];
}

export function verdict(ctx: ViewContext, i: IncidentDetail) {
  const a = i.assessment;
  const evidence = evidenceNames(i);
  const sources = i.corroborations.filter((c) => !c.retractedOn);
  return h(
    'section',
    { class: `verdict status-border-${a.status}`, 'aria-labelledby': 'verdict-h' },
    h('h2', { id: 'verdict-h' }, 'Verdict', ctx.route.params.asOf ? ` as of ${day(ctx.route.params.asOf)}` : ''),
    h(
      'p',
      { class: 'headline' },
      statusBadge(a.status),
      ' ',
      readinessBadge(a.readiness),
      ' ',
      h('strong', { 'data-testid': 'verdict' }, verdictHeadline(a)),
    ),
    h(
      'div',
      { class: 'verdict-cols' },
      h(
        'div',
        {},
        h('h3', {}, 'Why'),
        h(
          'ul',
          {},
          a.reasons.map((r) => h('li', {}, r)),
        ),
        evidence.length
          ? [
              h('h3', {}, 'On the evidence of'),
              h(
                'ul',
                {},
                evidence.map((e) => h('li', {}, e)),
              ),
            ]
          : null,
      ),
      h(
        'div',
        {},
        h('h3', {}, 'What is missing'),
        a.missing.length
          ? h(
              'ul',
              { class: 'missing' },
              a.missing.map((m) => h('li', {}, m)),
            )
          : h('p', {}, 'Nothing: no stronger status is possible on this evidence.'),
        h('h3', {}, 'Sources on record'),
        h(
          'p',
          { 'data-testid': 'sources' },
          sources.length === 0
            ? 'none'
            : sources
                .map(
                  (c) =>
                    `${c.source.name} (grade ${c.source.grade}, ${say(c.stance)}` +
                    `${c.derivedFrom ? ', repeats another report' : ''})`,
                )
                .join('; '),
        ),
      ),
    ),
    h(
      'p',
      { class: 'muted' },
      i.firstConfirmedOn
        ? h(
            'span',
            { 'data-testid': 'first-confirmed' },
            `First confirmed on ${day(i.firstConfirmedOn)}: lags count from it. `,
          )
        : i.firstCorroboratedOn
          ? `First corroborated on ${day(i.firstCorroboratedOn)}; never confirmed. `
          : '',
      `Rule ${a.rule}; ${a.independentSupportingSources} independent supporting source(s); policy ${a.policyVersion}.`,
    ),
    i.withdrawal ? h('p', {}, `Withdrawn on ${day(i.withdrawal.withdrawnOn)}: ${i.withdrawal.reason}`) : null,
  );
}
