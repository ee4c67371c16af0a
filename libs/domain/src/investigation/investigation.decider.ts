import type { InvestigationCommand } from '../commands';
import type { DecideContext, Decider } from '../decider';
import { badInput, conflict, notFound } from '../errors';
import type { Citation, InvestigationEvent, Investigator, IsoDate } from '../events';
import { blank, checkCitation, distinct, evidenceDate, knownCountries, notBefore } from '../validation';

export type InvestigationState =
  { exists: false } | { exists: true; investigationId: string; openedOn: IsoDate; concludedOn?: IsoDate };

export const initialInvestigation = (): InvestigationState => ({ exists: false });

export function evolveInvestigation(state: InvestigationState, event: InvestigationEvent): InvestigationState {
  switch (event.type) {
    case 'InvestigationOpened':
      return { exists: true, investigationId: event.data.investigationId, openedOn: event.data.openedOn };
    case 'InvestigationConcluded':
      return state.exists ? { ...state, concludedOn: event.data.concludedOn } : state;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/**
 * A State investigates under its code; the UN, an NGO or a court as a registered source (its id: the
 * policy judges it by that source's grade and organisation). A court may add its State.
 */
function checkInvestigator(investigator: Investigator, ctx: DecideContext): Investigator {
  const { kind, stateCode, name, sourceId } = investigator;
  if (kind === 'STATE' && stateCode === undefined)
    throw badInput('a STATE investigator needs its state code', 'investigator.stateCode');
  if (kind !== 'STATE' && blank(sourceId)) {
    throw badInput(`a ${kind} investigator is a registered source: give its sourceId`, 'investigator.sourceId');
  }
  if (stateCode !== undefined) knownCountries([stateCode], 'investigator.stateCode', ctx);
  return {
    kind,
    ...(stateCode !== undefined && { stateCode }),
    ...(name !== undefined && { name }),
    ...(sourceId !== undefined && { sourceId }),
  };
}

function checkCitations(citations: readonly Citation[] | undefined): void {
  citations?.forEach((citation, i) => checkCitation(citation, `citations.${i}`));
}

function decide(command: InvestigationCommand, state: InvestigationState, ctx: DecideContext): InvestigationEvent[] {
  switch (command.type) {
    case 'OpenInvestigation': {
      const { investigationId, incidentIds, mandate, openedOn } = command.data;
      if (state.exists) throw conflict(`investigation ${investigationId} already exists`, 'investigationId');
      const investigator = checkInvestigator(command.data.investigator, ctx);
      if (incidentIds.length === 0) throw badInput('an investigation covers at least one incident', 'incidentIds');
      distinct(incidentIds, 'incidentIds');
      evidenceDate(openedOn, 'openedOn', ctx);
      const { citations } = command.data;
      checkCitations(citations);
      return [
        {
          type: 'InvestigationOpened',
          data: {
            investigationId,
            investigator,
            incidentIds: [...incidentIds],
            mandate,
            openedOn,
            ...(citations?.length && { citations }),
          },
        },
      ];
    }
    case 'ConcludeInvestigation': {
      const { investigationId, outcome, findings, concludedOn } = command.data;
      if (!state.exists) throw notFound(`investigation ${investigationId} not found`, 'investigationId');
      if (state.concludedOn !== undefined) {
        throw conflict(`investigation ${investigationId} already concluded on ${state.concludedOn}`, 'investigationId');
      }
      evidenceDate(concludedOn, 'concludedOn', ctx);
      notBefore(concludedOn, state.openedOn, 'concludedOn', 'openedOn');
      const { citations } = command.data;
      checkCitations(citations);
      return [
        {
          type: 'InvestigationConcluded',
          data: {
            investigationId,
            outcome,
            findings,
            concludedOn,
            ...(citations?.length && { citations }),
          },
        },
      ];
    }
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

export const investigationDecider: Decider<InvestigationCommand, InvestigationState, InvestigationEvent> = {
  initialState: initialInvestigation,
  evolve: evolveInvestigation,
  decide,
};
