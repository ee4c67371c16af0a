import type { StatementCommand } from '../commands';
import type { DecideContext, Decider } from '../decider';
import { badInput, conflict, notFound } from '../errors';
import type { StatementDetails, StatementEvent } from '../events';
import { checkScope } from './scope.rules';
import { actualChanges, checkCitation, distinct, evidenceDate, keysOf, knownCountries, pick } from '../validation';

export type StatementState = { exists: false } | { exists: true; statementId: string; details: StatementDetails };

export const initialStatement = (): StatementState => ({ exists: false });

export function evolveStatement(state: StatementState, event: StatementEvent): StatementState {
  switch (event.type) {
    case 'StatementRecorded': {
      const { statementId, ...details } = event.data;
      return { exists: true, statementId, details };
    }
    case 'StatementCorrected':
      return state.exists ? { ...state, details: { ...state.details, ...event.data.changes } } : state;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

const STATEMENT_KEYS = keysOf<StatementDetails>({
  speakers: true,
  onBehalfOf: true,
  kind: true,
  venue: true,
  deliveredOn: true,
  incidentIds: true,
  namesUser: true,
  quote: true,
  citation: true,
  scope: true,
});

/** Speakers are one or more real States; the incidents list may be empty (a statement about a conflict). */
function checkStatement(details: StatementDetails, ctx: DecideContext): void {
  if (details.speakers.length === 0) throw badInput('a statement has at least one speaker', 'speakers');
  knownCountries(details.speakers, 'speakers', ctx);
  evidenceDate(details.deliveredOn, 'deliveredOn', ctx);
  distinct(details.incidentIds, 'incidentIds');
  checkCitation(details.citation, 'citation');
  checkScope(details.scope, 'scope', ctx);
}

function decide(command: StatementCommand, state: StatementState, ctx: DecideContext): StatementEvent[] {
  switch (command.type) {
    case 'RecordStatement': {
      const { statementId } = command.data;
      if (state.exists) throw conflict(`statement ${statementId} already exists`, 'statementId');
      const details = pick(command.data, STATEMENT_KEYS);
      checkStatement(details, ctx);
      return [{ type: 'StatementRecorded', data: { statementId, ...details } }];
    }
    case 'CorrectStatement': {
      const { statementId, reason, correctedOn } = command.data;
      if (!state.exists) throw notFound(`statement ${statementId} not found`, 'statementId');
      evidenceDate(correctedOn, 'correctedOn', ctx);
      const changes = actualChanges(state.details, command.data.changes, STATEMENT_KEYS);
      checkStatement({ ...state.details, ...changes }, ctx);
      return [{ type: 'StatementCorrected', data: { statementId, changes, reason, correctedOn } }];
    }
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

export const statementDecider: Decider<StatementCommand, StatementState, StatementEvent> = {
  initialState: initialStatement,
  evolve: evolveStatement,
  decide,
};
