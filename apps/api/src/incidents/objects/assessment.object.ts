import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { Readiness, Status } from '@app/domain';
import { ReadinessEnum, StatusEnum } from '../../graphql/enums';

@ObjectType('Assessment', {
  description: 'The confirmation status of an incident under a versioned policy, with the reasons behind it',
})
export class AssessmentObject {
  @Field(() => StatusEnum) status: Status;
  @Field(() => ReadinessEnum, {
    description: 'CONDEMN when confirmed; CONCERN when alleged, corroborated or contested',
  })
  readiness: Readiness;
  @Field({ description: 'The rule that fired' }) rule: string;
  @Field(() => [String]) reasons: string[];
  @Field(() => [String], {
    description: 'Ids of the corroborations, investigations or statements that satisfied the rule',
  })
  evidenceIds: string[];
  @Field(() => [String], { description: 'What is missing to reach the next level, in plain words' }) missing: string[];
  @Field(() => Int) independentSupportingSources: number;
  @Field(() => String, { nullable: true, description: 'Evidence date on which the current status first held' })
  statusSince: string | null;
  @Field() policyVersion: string;
}
