import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CorrectionObject } from '../../incidents/objects/correction.object';

@ObjectType('UserScope', { description: "An alleged user as named: State codes, or a group's name, or both" })
export class UserScopeObject {
  @Field(() => [String]) stateCodes: string[];
  @Field(() => String, { nullable: true }) name?: string;
}

@ObjectType('Period')
export class PeriodObject {
  @Field() from: string;
  @Field(() => String, { nullable: true }) to?: string;
}

@ObjectType('Situation', { description: 'A conflict or theatre of use' })
export class SituationObject {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: 'Revision of its stream (the first event is 0): send it as expectedRevision' })
  revision: number;
  @Field() name: string;
  @Field(() => [String]) countryCodes: string[];
  @Field(() => [UserScopeObject]) allegedUsers: UserScopeObject[];
  @Field(() => PeriodObject) period: PeriodObject;
  @Field(() => String, { nullable: true }) note?: string;
  @Field(() => [ID], { description: 'Its incidents now (canonical ids)' }) incidentIds: string[];
  @Field(() => [CorrectionObject], { description: 'Corrections, oldest first; the fields above are as corrected' })
  corrections: CorrectionObject[];
  @Field() recordedAt: Date;
}
