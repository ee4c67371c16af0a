import type { Clock } from '@app/projections';
import type { IncidentReads } from '../read-store/incident-reads';
import { ApiError, ErrorCode } from '../graphql/error-codes';
import { DATE_TIME_HINT } from '../graphql/date-time.scalar';

/**
 * The reads of an incident (its file and cut, its audit trail) that the fields resolved below it use where its row
 * does not say it all: its status changes with their causing events, its audit trail, its evidence files, its
 * assessment under another policy, an incident as of a date's nested lists and referring statements. Under a symbol:
 * GraphQL and JSON never see it. Set by the incident mappers.
 */
export const READ_FROM: unique symbol = Symbol('readFrom');

export function incidentReadsOf(object: object): IncidentReads {
  const reads = (object as { [READ_FROM]?: IncidentReads })[READ_FROM];
  if (reads === undefined) throw new Error('an incident without its reads (see READ_FROM)');
  return reads;
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
    throw new ApiError(ErrorCode.BAD_USER_INPUT, `asOf must be ${DATE_TIME_HINT}`, {
      field: 'filter.asOf',
    });
  }
  return { asOf: asOf ?? null, clock: clock ?? defaultClock };
}
