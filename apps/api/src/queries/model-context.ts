import type { Clock, RegistryModel } from '@app/projections';
import { ApiError, ErrorCode } from '../graphql/error-codes';

/**
 * The model an object was read from. A time-travel query reads a replayed model, and the fields resolved
 * below it (lags, status changes, history) must come from that same model, not from the live one. Kept on
 * the object under a symbol (GraphQL and JSON never see it), not in a WeakMap: an entry per query result
 * made every young-generation GC work through the map. Set by the incident mapper for query results; a
 * promise for an incident listed from the projection file, whose model is replayed only when a field needs it.
 */
export const READ_FROM: unique symbol = Symbol('readFrom');

export const modelOf = (object: object, live: RegistryModel): RegistryModel | Promise<RegistryModel> =>
  (object as { [READ_FROM]?: RegistryModel | Promise<RegistryModel> })[READ_FROM] ?? live;

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
