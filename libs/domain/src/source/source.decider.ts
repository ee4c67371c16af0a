import type { SourceCommand } from '../commands';
import type { Decider } from '../decider';
import { badInput, conflict, notFound } from '../errors';
import type { Grade, SourceEvent } from '../events';
import { blank, evidenceDate } from '../validation';

export type SourceState = { exists: false } | { exists: true; sourceId: string; grade: Grade };

export const initialSource = (): SourceState => ({ exists: false });

export function evolveSource(state: SourceState, event: SourceEvent): SourceState {
  switch (event.type) {
    case 'SourceRegistered':
      return { exists: true, sourceId: event.data.sourceId, grade: event.data.grade };
    case 'SourceRegraded':
      return state.exists ? { ...state, grade: event.data.grade } : state;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

export const sourceDecider: Decider<SourceCommand, SourceState, SourceEvent> = {
  initialState: initialSource,
  evolve: evolveSource,
  decide(command, state, ctx) {
    switch (command.type) {
      case 'RegisterSource': {
        const { sourceId, name, kind, grade, homepage } = command.data;
        if (state.exists) throw conflict(`source ${sourceId} already exists`, 'sourceId');
        if (blank(name)) throw badInput('a source needs a name', 'name');
        return [{ type: 'SourceRegistered', data: { sourceId, name, kind, grade, ...(homepage !== undefined && { homepage }) } }];
      }
      case 'RegradeSource': {
        const { sourceId, newGrade, reason, regradedOn } = command.data;
        if (!state.exists) throw notFound(`source ${sourceId} not found`, 'sourceId');
        if (newGrade === state.grade) throw badInput(`source ${sourceId} is already graded ${newGrade}`, 'newGrade');
        evidenceDate(regradedOn, 'regradedOn', ctx);
        return [{ type: 'SourceRegraded', data: { sourceId, grade: newGrade, previousGrade: state.grade, reason, regradedOn } }];
      }
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },
};
