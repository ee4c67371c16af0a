import { GraphQLISODateTime } from '@nestjs/graphql';
import { ClockEnum } from '../graphql/enums';

/** The `asOf` and `clock` arguments of the lists that can be asked about the past. */
export const AS_OF = {
  type: () => GraphQLISODateTime,
  nullable: true,
  description: 'Time travel: the answer as of this instant',
};
export const CLOCK = {
  type: () => ClockEnum,
  nullable: true,
  description: 'RECORDED (default): what the registry showed at asOf; KNOWN: evidence dated on or before asOf',
};
