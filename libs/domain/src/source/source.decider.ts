import type { RegisterSource, SourceCommand } from '../commands';
import type { DecideContext, Decider } from '../decider';
import { badInput, conflict, notFound } from '../errors';
import type { Grade, SourceEvent, SourceRegistered } from '../events';
import { blank, evidenceDate, knownCountries } from '../validation';

export type SourceState = { exists: false } | { exists: true; sourceId: string; grade: Grade; mergedInto?: string };

export const initialSource = (): SourceState => ({ exists: false });

export function evolveSource(state: SourceState, event: SourceEvent): SourceState {
  switch (event.type) {
    case 'SourceRegistered':
      return { exists: true, sourceId: event.data.sourceId, grade: event.data.grade };
    case 'SourceRegraded':
      return state.exists ? { ...state, grade: event.data.grade } : state;
    case 'SourcesMerged':
      return state.exists ? { ...state, mergedInto: event.data.canonicalSourceId } : state;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/** A STATE source is the State it speaks for: its code is required (and only a State has one). */
function registered(data: RegisterSource['data'], ctx: DecideContext): SourceRegistered {
  const { sourceId, name, kind, grade, homepage, stateCode, parentOrganisation } = data;
  if (blank(name)) throw badInput('a source needs a name', 'name');
  if (kind === 'STATE' && stateCode === undefined) throw badInput('a STATE source needs its state code', 'stateCode');
  if (kind !== 'STATE' && stateCode !== undefined) throw badInput('only a STATE source has a state code', 'stateCode');
  if (stateCode !== undefined) knownCountries([stateCode], 'stateCode', ctx);
  if (parentOrganisation === sourceId) throw badInput('a source cannot be its own parent', 'parentOrganisation');
  const aliases = [...new Set((data.aliases ?? []).map((a) => a.trim()).filter((a) => a !== '' && a !== name))];
  return {
    type: 'SourceRegistered',
    data: {
      sourceId,
      name,
      kind,
      grade,
      ...(homepage !== undefined && { homepage }),
      ...(stateCode !== undefined && { stateCode }),
      ...(parentOrganisation !== undefined && { parentOrganisation }),
      ...(aliases.length > 0 && { aliases }),
    },
  };
}

export const sourceDecider: Decider<SourceCommand, SourceState, SourceEvent> = {
  initialState: initialSource,
  evolve: evolveSource,
  decide(command, state, ctx) {
    switch (command.type) {
      case 'RegisterSource': {
        if (state.exists) throw conflict(`source ${command.data.sourceId} already exists`, 'sourceId');
        return [registered(command.data, ctx)];
      }
      case 'RegradeSource': {
        const { sourceId, newGrade, reason, regradedOn } = command.data;
        if (!state.exists) throw notFound(`source ${sourceId} not found`, 'sourceId');
        if (newGrade === state.grade) throw badInput(`source ${sourceId} is already graded ${newGrade}`, 'newGrade');
        evidenceDate(regradedOn, 'regradedOn', ctx);
        return [
          {
            type: 'SourceRegraded',
            data: { sourceId, grade: newGrade, previousGrade: state.grade, reason, regradedOn },
          },
        ];
      }
      case 'MergeSources': {
        const { duplicateSourceId, canonicalSourceId, reason, mergedOn } = command.data;
        if (!state.exists) throw notFound(`source ${duplicateSourceId} not found`, 'duplicateSourceId');
        if (duplicateSourceId === canonicalSourceId) {
          throw badInput('a source cannot be merged into itself', 'canonicalSourceId');
        }
        if (state.mergedInto !== undefined) {
          throw conflict(`source ${duplicateSourceId} is already merged into ${state.mergedInto}`, 'duplicateSourceId');
        }
        if (blank(reason)) throw badInput('a merge needs a reason', 'reason');
        evidenceDate(mergedOn, 'mergedOn', ctx);
        return [{ type: 'SourcesMerged', data: { sourceId: duplicateSourceId, canonicalSourceId, reason, mergedOn } }];
      }
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },
};
