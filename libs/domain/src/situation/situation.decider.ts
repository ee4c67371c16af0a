import type { SituationCommand } from '../commands';
import type { DecideContext, Decider } from '../decider';
import { badInput, conflict, notFound } from '../errors';
import type { SituationDetails, SituationEvent } from '../events';
import { checkUserScope } from '../statement/scope.rules';
import { actualChanges, blank, evidenceDate, keysOf, knownCountries, notBefore, pick } from '../validation';

export type SituationState = { exists: false } | { exists: true; situationId: string; details: SituationDetails };

export const initialSituation = (): SituationState => ({ exists: false });

export function evolveSituation(state: SituationState, event: SituationEvent): SituationState {
  switch (event.type) {
    case 'SituationRegistered': {
      const { situationId, ...details } = event.data;
      return { exists: true, situationId, details };
    }
    case 'SituationCorrected':
      return state.exists ? { ...state, details: { ...state.details, ...event.data.changes } } : state;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

export const SITUATION_KEYS = keysOf<SituationDetails>({
  name: true,
  countryCodes: true,
  allegedUsers: true,
  period: true,
  note: true,
});

function checkSituation(details: SituationDetails, ctx: DecideContext): void {
  if (blank(details.name)) throw badInput('a situation needs a name', 'name');
  knownCountries(details.countryCodes, 'countryCodes', ctx);
  details.allegedUsers.forEach((user, i) => checkUserScope(user, `allegedUsers.${i}`, ctx));
  evidenceDate(details.period.from, 'period.from', ctx);
  if (details.period.to !== undefined) {
    evidenceDate(details.period.to, 'period.to', ctx);
    notBefore(details.period.to, details.period.from, 'period.to', 'period.from');
  }
}

function decide(command: SituationCommand, state: SituationState, ctx: DecideContext): SituationEvent[] {
  switch (command.type) {
    case 'RegisterSituation': {
      const { situationId } = command.data;
      if (state.exists) throw conflict(`situation ${situationId} already exists`, 'situationId');
      const details = pick(command.data, SITUATION_KEYS);
      checkSituation(details, ctx);
      return [{ type: 'SituationRegistered', data: { situationId, ...details } }];
    }
    case 'CorrectSituation': {
      const { situationId, reason, correctedOn } = command.data;
      if (!state.exists) throw notFound(`situation ${situationId} not found`, 'situationId');
      evidenceDate(correctedOn, 'correctedOn', ctx);
      const changes = actualChanges(state.details, command.data.changes, SITUATION_KEYS);
      checkSituation({ ...state.details, ...changes }, ctx);
      return [{ type: 'SituationCorrected', data: { situationId, changes, reason, correctedOn } }];
    }
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

export const situationDecider: Decider<SituationCommand, SituationState, SituationEvent> = {
  initialState: initialSituation,
  evolve: evolveSituation,
  decide,
};
