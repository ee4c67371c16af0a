import type { StatementDetails } from '@app/domain';
import { AddCorroborationCommand, RetractCorroborationCommand } from '../../incidents/commands/corroboration.handlers';
import { AddCorroborationInput, type RetractCorroborationInput } from '../../incidents/dto/corroboration.inputs';
import { CorrectStatementCommand, RecordStatementCommand } from '../../statements/commands/statement.handlers';
import { type CorrectStatementInput, RecordStatementInput } from '../../statements/dto/statement.inputs';
import { cell } from './import-file';
import { canon, changedFields, type FieldProblem, type ImportKind, type KindContext, refId } from './import-kinds';

const citationOf = (c: Record<string, unknown>) => ({
  url: cell.text(c.citationUrl),
  archivedUrl: cell.text(c.archivedUrl),
  archivedSha256: cell.text(c.archivedSha256),
});
const CITATION_COLUMNS = {
  'citation.url': 'citationUrl',
  'citation.archivedUrl': 'archivedUrl',
  'citation.archivedSha256': 'archivedSha256',
};

export const CORROBORATION_ROWS: ImportKind = {
  short: 'corroboration',
  purpose: 'corroboration',
  dto: AddCorroborationInput,
  columns: [
    'externalId',
    'incident',
    'source',
    'stance',
    'evidenceKinds',
    'publishedOn',
    'citationUrl',
    'archivedUrl',
    'archivedSha256',
    'derivedFrom',
    'summary',
  ],
  fieldColumns: { incidentId: 'incident', sourceId: 'source', ...CITATION_COLUMNS },
  toInput: (c, ctx) => ({
    incidentId: refId(ctx, 'incident', 'incident', c.incident),
    sourceId: refId(ctx, 'source', 'source', c.source),
    stance: cell.text(c.stance),
    evidenceKinds: cell.list(c.evidenceKinds),
    publishedOn: cell.text(c.publishedOn),
    citation: citationOf(c),
    derivedFrom: refId(ctx, 'corroboration', 'corroboration', c.derivedFrom),
    summary: cell.text(c.summary) ?? '',
  }),
  check(raw, ctx) {
    const input = raw as AddCorroborationInput;
    const problems: FieldProblem[] = [];
    if (!ctx.registry.incidentExists(input.incidentId))
      problems.push({ field: 'incident', message: 'no such incident in the registry' });
    if (!ctx.registry.sourceExists(input.sourceId))
      problems.push({ field: 'source', message: 'no such source in the registry' });
    return problems;
  },
  // Corroborations are never corrected by an import (no command does it): only whether it exists matters.
  revision: (id, ctx) => (ctx.registry.corroboration(id) ? 0 : undefined),
  create: (input, meta) => new AddCorroborationCommand(input as AddCorroborationInput, meta),
  async change(id, raw, _key, ctx) {
    const input = raw as AddCorroborationInput;
    const current = ctx.registry.corroboration(id)!;
    if (current.retracted)
      return {
        field: 'externalId',
        message: 'this corroboration was retracted; import a new version under a new externalId',
      };
    for (const field of [
      'sourceId',
      'stance',
      'evidenceKinds',
      'publishedOn',
      'citation',
      'derivedFrom',
      'summary',
    ] as const) {
      if (canon(current[field]) !== canon(input[field])) {
        return {
          field,
          message:
            'a corroboration cannot be corrected: remove its row (it is retracted) and add the new version under ' +
            'a new externalId',
        };
      }
    }
    return null;
  },
  withdraw(id, key, ctx) {
    const current = ctx.registry.corroboration(id);
    if (!current || current.retracted) return null;
    const input: RetractCorroborationInput = {
      incidentId: current.incidentId,
      corroborationId: id,
      reason: ctx.reason,
      retractedOn: ctx.asOf,
      idempotencyKey: key,
    };
    return new RetractCorroborationCommand(input, ctx.meta);
  },
};

const STATEMENT_FIELDS = [
  'speakers',
  'onBehalfOf',
  'kind',
  'venue',
  'deliveredOn',
  'incidentIds',
  'namesUser',
  'quote',
  'citation',
] as const;

export const STATEMENT_ROWS: ImportKind = {
  short: 'statement',
  purpose: 'statement',
  dto: RecordStatementInput,
  columns: [
    'externalId',
    'speakers',
    'onBehalfOf',
    'kind',
    'venue',
    'deliveredOn',
    'incidents',
    'namesUser',
    'quote',
    'citationUrl',
    'archivedUrl',
    'archivedSha256',
  ],
  fieldColumns: { incidentIds: 'incidents', ...CITATION_COLUMNS },
  toInput: (c, ctx: KindContext) => ({
    speakers: cell.list(c.speakers),
    onBehalfOf: cell.text(c.onBehalfOf),
    kind: cell.text(c.kind),
    venue: cell.text(c.venue),
    deliveredOn: cell.text(c.deliveredOn),
    incidentIds: cell.list(c.incidents).map((ref) => refId(ctx, 'incident', 'incident', ref)),
    namesUser: cell.flag(c.namesUser),
    quote: cell.text(c.quote),
    citation: citationOf(c),
  }),
  check(raw, ctx) {
    const input = raw as RecordStatementInput;
    const problems: FieldProblem[] = [];
    const unknown = input.speakers.find((code) => !ctx.reference.isKnownCountry(code));
    if (unknown) problems.push({ field: 'speakers', message: `unknown ISO 3166-1 alpha-3 code ${unknown}` });
    if (input.incidentIds.some((id) => !ctx.registry.incidentExists(id)))
      problems.push({ field: 'incidents', message: 'no such incident in the registry' });
    return problems;
  },
  revision: (id, ctx) => ctx.registry.statement(id)?.revision,
  create: (input, meta) => new RecordStatementCommand(input as RecordStatementInput, meta),
  async change(id, raw, key, ctx) {
    const view = ctx.registry.statement(id)!;
    // Its words are kept in its stream only; the file holds it, so the store does.
    const texts = (await ctx.statements.texts(id))!;
    const current: StatementDetails = { ...view, ...texts };
    const changes = changedFields(current, raw as StatementDetails, STATEMENT_FIELDS);
    if (Object.keys(changes).length === 0) return null;
    const correct = {
      statementId: id,
      changes,
      reason: ctx.reason,
      correctedOn: ctx.asOf,
      idempotencyKey: key,
    } as CorrectStatementInput;
    return { verb: 'correct', command: new CorrectStatementCommand(correct, ctx.meta) };
  },
  withdraw: () => 'unsupported',
};
