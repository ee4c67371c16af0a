import type { IsoDate } from './events';

/** What a decision may know besides the command and the state: facts handed in, never read inside. */
export interface DecideContext {
  /** Today's date on the server clock (UTC), for refusing evidence dates in the future. */
  today: IsoDate;
  /** Whether an ISO 3166-1 alpha-3 code names a real State (reference data). */
  isKnownCountry(code: string): boolean;
}

/** Emmett-style decider: three pure functions over plain data. */
export interface Decider<Command, State, Event> {
  decide(command: Command, state: State, context: DecideContext): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}
