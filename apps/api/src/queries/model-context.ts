import type { Clock, RegistryModel } from '@app/projections';
import { ApiError, ErrorCode } from '../graphql/error-codes';

/**
 * The replay of an incident's own streams (now, or to the cut it was read at) that the fields resolved below it
 * read where the projection file keeps no rows: its status changes with their causing events, its audit trail,
 * its evidence files, its assessment under another policy, and an incident as of a date's nested lists. Made only
 * when one of them is asked (a getter under a symbol: GraphQL and JSON never see it). Set by the incident mappers.
 */
export const READ_FROM: unique symbol = Symbol('readFrom');

export function modelOf(object: object): Promise<RegistryModel> {
  const model = (object as { [READ_FROM]?: Promise<RegistryModel> })[READ_FROM];
  if (model === undefined) throw new Error('an incident without its replay (see READ_FROM)');
  return model;
}

/**
 * The time travel asked in a query's `filter`, with the query's default clock. The filter's DTO validates
 * `asOf` already; checked again here because the DateTime scalar turns a malformed string into an Invalid Date.
 */
export function timeTravel(
  filter: { asOf?: Date | null; clock?: Clock | null } | null | undefined,
  defaultClock: Clock = 'RECORDED',
): { asOf: Date | null; clock: Clock } {
  const asOf = filter?.asOf;
  const clock = filter?.clock;
  if (asOf !== undefined && asOf !== null && Number.isNaN(asOf.getTime())) {
    throw new ApiError(ErrorCode.BAD_USER_INPUT, 'asOf must be an ISO date-time such as 2016-06-01T00:00:00Z', {
      field: 'filter.asOf',
    });
  }
  return { asOf: asOf ?? null, clock: clock ?? defaultClock };
}
