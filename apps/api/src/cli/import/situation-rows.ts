import type { SituationDetails } from '@app/domain';
import { CorrectSituationCommand, RegisterSituationCommand } from '../../situations/commands/situation.handlers';
import { type CorrectSituationInput, RegisterSituationInput } from '../../situations/dto/situation.inputs';
import { cell } from './import-file';
import { changedFields, type FieldProblem, type ImportKind } from './import-kinds';

const FIELDS = ['name', 'countryCodes', 'allegedUsers', 'period', 'note'] as const;

/** One situation per row, with one alleged user (as an incident row names it); more need GraphQL. */
export const SITUATION_ROWS: ImportKind = {
  short: 'situation',
  purpose: 'situation',
  dto: RegisterSituationInput,
  columns: [
    'externalId',
    'name',
    'countryCodes',
    'allegedUserStates',
    'allegedUserName',
    'periodFrom',
    'periodTo',
    'note',
  ],
  fieldColumns: {
    'allegedUsers.stateCodes': 'allegedUserStates',
    'allegedUsers.name': 'allegedUserName',
    'period.from': 'periodFrom',
    'period.to': 'periodTo',
  },
  toInput: (c) => {
    const stateCodes = cell.list(c.allegedUserStates);
    const name = cell.text(c.allegedUserName);
    return {
      name: cell.text(c.name),
      countryCodes: cell.list(c.countryCodes),
      allegedUsers: stateCodes.length === 0 && name === undefined ? [] : [{ stateCodes, name }],
      period: { from: cell.text(c.periodFrom), to: cell.text(c.periodTo) },
      note: cell.text(c.note),
    };
  },
  check(raw, ctx) {
    const input = raw as RegisterSituationInput;
    const problems: FieldProblem[] = [];
    const unknown = input.countryCodes.find((code) => !ctx.reference.isKnownCountry(code));
    if (unknown) problems.push({ field: 'countryCodes', message: `unknown ISO 3166-1 alpha-3 code ${unknown}` });
    const user = input.allegedUsers.flatMap((u) => u.stateCodes).find((code) => !ctx.reference.isKnownCountry(code));
    if (user) problems.push({ field: 'allegedUserStates', message: `unknown ISO 3166-1 alpha-3 code ${user}` });
    return problems;
  },
  revision: (id, ctx) => ctx.registry.situation(id)?.revision,
  create: (input, meta) => new RegisterSituationCommand(input as RegisterSituationInput, meta),
  change(id, raw, key, ctx) {
    const current = ctx.registry.situation(id)!;
    const changes = changedFields<SituationDetails>(current, raw as SituationDetails, FIELDS);
    if (Object.keys(changes).length === 0) return Promise.resolve(null);
    const correct = {
      situationId: id,
      changes,
      reason: ctx.reason,
      correctedOn: ctx.asOf,
      idempotencyKey: key,
    } as CorrectSituationInput;
    return Promise.resolve({ verb: 'correct', command: new CorrectSituationCommand(correct, ctx.meta) });
  },
  // A situation has no withdrawal: one whose row disappeared is kept, and listed.
  withdraw: () => 'unsupported',
};
