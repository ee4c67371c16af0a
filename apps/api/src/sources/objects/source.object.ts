import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Grade, SourceKind } from '@app/domain';
import { GradeEnum, SourceKindEnum } from '../../graphql/enums';

@ObjectType('GradeChange')
export class GradeChangeObject {
  @Field(() => GradeEnum) grade: Grade;
  @Field(() => GradeEnum, { nullable: true }) previousGrade: Grade | null;
  @Field(() => String, { nullable: true, description: 'Null for the grade given at registration' }) regradedOn: string | null;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field() recordedAt: Date;
}

@ObjectType('Source')
export class SourceObject {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: 'Revision of its stream (the first event is 0): send it as expectedRevision' })
  revision: number;
  @Field() name: string;
  @Field(() => SourceKindEnum) kind: SourceKind;
  @Field(() => GradeEnum) grade: Grade;
  @Field(() => String, { nullable: true }) homepage?: string;
  @Field(() => [GradeChangeObject]) grades: GradeChangeObject[];
  @Field() recordedAt: Date;
}
