import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Grade, SourceKind } from '@app/domain';
import { GradeEnum, SourceKindEnum } from '../../graphql/enums';

@ObjectType('GradeChange')
export class GradeChangeObject {
  @Field(() => GradeEnum) grade: Grade;
  @Field(() => GradeEnum, { nullable: true }) previousGrade: Grade | null;
  @Field(() => String, { nullable: true, description: 'Null for the grade given at registration' }) regradedOn:
    string | null;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field() recordedAt: Date;
}

@ObjectType('SourceCandidate')
export class SourceCandidateObject {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => [String]) aliases: string[];
}

@ObjectType('SourceWarning', { description: 'Something to check, not a refusal' })
export class SourceWarningObject {
  @Field({ description: 'SIMILAR_NAME: other sources go by a close name (the same organisation? mergeSources)' })
  code: string;
  @Field() message: string;
  @Field(() => [SourceCandidateObject]) candidates: SourceCandidateObject[];
}

@ObjectType('SourceMerge')
export class SourceMergeObject {
  @Field(() => ID) canonicalSourceId: string;
  @Field() reason: string;
  @Field() mergedOn: string;
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
  @Field(() => String, { nullable: true, description: "A STATE source's ISO alpha-3 code" }) stateCode: string | null;
  @Field({
    description: 'True for an older STATE source whose code its name does not give: register it again with stateCode',
  })
  stateCodeUnresolved: boolean;
  @Field(() => ID, { nullable: true }) parentOrganisation: string | null;
  @Field(() => ID, { description: 'The organisation it counts as for independence (its root parent, merges followed)' })
  organisationId: string;
  @Field(() => [String]) aliases: string[];
  @Field(() => SourceMergeObject, { nullable: true, description: 'Set when it was merged into a canonical source' })
  mergedInto: SourceMergeObject | null;
  @Field(() => [ID]) mergedDuplicates: string[];
  // `warnings` is resolved on demand (see SourcesResolver): it compares names with every other source.
}
