import { Field, ObjectType } from '@nestjs/graphql';
import type { Correction } from '@app/projections';

@ObjectType('Correction', { description: 'One correction: which fields it replaced, why, and when it was made known' })
export class CorrectionObject {
  @Field(() => [String]) fields: string[];
  @Field() reason: string;
  @Field() correctedOn: string;
}

export const toCorrectionObject = <T>(c: Correction<T>): CorrectionObject => ({
  fields: Object.keys(c.changes),
  reason: c.reason,
  correctedOn: c.correctedOn,
});
