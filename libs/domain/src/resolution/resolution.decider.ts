import type { ResolutionCommand } from '../commands';
import type { Decider } from '../decider';
import { badInput, conflict } from '../errors';
import type { ResolutionDetails, ResolutionEvent } from '../events';
import { checkScope, scopeIsEmpty } from '../statement/scope.rules';
import { blank, distinct, evidenceDate, keysOf, knownCountries, pick } from '../validation';

/** A resolution's vote is recorded once, whole (a correction would be a new command). */
export type ResolutionState = { exists: false } | { exists: true; resolutionId: string };

export const initialResolution = (): ResolutionState => ({ exists: false });

export function evolveResolution(_state: ResolutionState, event: ResolutionEvent): ResolutionState {
  switch (event.type) {
    case 'ResolutionVoteRecorded':
      return { exists: true, resolutionId: event.data.resolutionId };
    default: {
      const _exhaustive: never = event.type;
      return _exhaustive;
    }
  }
}

const RESOLUTION_KEYS = keysOf<ResolutionDetails>({
  symbol: true,
  title: true,
  venue: true,
  adoptedOn: true,
  kind: true,
  incidentIds: true,
  scope: true,
  votes: true,
  citation: true,
});

export const resolutionDecider: Decider<ResolutionCommand, ResolutionState, ResolutionEvent> = {
  initialState: initialResolution,
  evolve: evolveResolution,
  decide(command, state, ctx) {
    switch (command.type) {
      case 'RecordResolutionVote': {
        const { resolutionId } = command.data;
        if (state.exists) throw conflict(`resolution ${resolutionId} already exists`, 'resolutionId');
        const details = pick(command.data, RESOLUTION_KEYS);
        if (blank(details.symbol)) throw badInput('a resolution needs its symbol, e.g. A/RES/71/203', 'symbol');
        evidenceDate(details.adoptedOn, 'adoptedOn', ctx);
        distinct(details.incidentIds, 'incidentIds');
        checkScope(details.scope, 'scope', ctx);
        if (scopeIsEmpty(details.incidentIds, details.scope)) {
          throw badInput('a resolution speaks about incidents, situations, an alleged user, or any use', 'scope');
        }
        if (details.votes.length === 0) throw badInput('a resolution vote lists at least one State', 'votes');
        knownCountries(
          details.votes.map((v) => v.stateCode),
          'votes',
          ctx,
        );
        return [{ type: 'ResolutionVoteRecorded', data: { resolutionId, ...details } }];
      }
      default: {
        const _exhaustive: never = command.type;
        return _exhaustive;
      }
    }
  },
};
