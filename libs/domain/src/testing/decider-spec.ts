/** Given events / when command / then events or error: the shape of every decider spec. */
import type { DecideContext, Decider } from '../decider';
import { DomainError, type DomainErrorCode } from '../errors';

const KNOWN = new Set(['ARE', 'BHR', 'FRA', 'GBR', 'KWT', 'LTU', 'RUS', 'SAU', 'SYR', 'UKR', 'USA', 'YEM']);

/** A fixed "today" and a handful of real alpha-3 codes: enough for every decider rule. */
export const testContext: DecideContext = { today: '2025-06-01', isKnownCountry: (code) => KNOWN.has(code) };

export function deciderSpec<C, S, E>(decider: Decider<C, S, E>) {
  return {
    given: (...events: E[]) => ({
      when: (command: C, context: DecideContext = testContext) => {
        const state = events.reduce(decider.evolve, decider.initialState());
        const run = () => decider.decide(command, state, context);
        return {
          then: (...expected: E[]) => expect(run()).toEqual(expected),
          thenFails: (code: DomainErrorCode, field?: string) => {
            let error: unknown;
            try {
              run();
            } catch (e) {
              error = e;
            }
            expect(error).toBeInstanceOf(DomainError);
            expect({ code: (error as DomainError).code, field: (error as DomainError).field }).toEqual({ code, field });
            return error as DomainError;
          },
        };
      },
    }),
  };
}
