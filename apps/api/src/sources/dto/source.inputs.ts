import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import type { Grade, SourceKind } from '@app/domain';
import { GradeEnum, SourceKindEnum } from '../../graphql/enums';
import { CommandInput } from '../../shared/command.input';
import { COUNTRY_CODE, IsEntityId, IsIsoDate } from '../../graphql/validators';

@InputType()
export class RegisterSourceInput extends CommandInput {
  @Field({ description: 'e.g. Amnesty International, Human Rights Watch, UN Panel of Experts on Yemen' })
  @IsString()
  @Length(1, 200)
  name: string;

  @Field(() => SourceKindEnum)
  @IsEnum(SourceKindEnum)
  kind: SourceKind;

  @Field(() => GradeEnum, { description: 'Reliability on the NATO Admiralty scale, A to F' })
  @IsEnum(GradeEnum)
  grade: Grade;

  @Field({ nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'homepage must be an http(s) address' })
  @MaxLength(2048)
  homepage?: string;

  @Field({
    nullable: true,
    description: 'ISO 3166-1 alpha-3, required for a STATE source: it is matched by it, never by name',
  })
  @IsOptional()
  @Matches(COUNTRY_CODE, { message: 'stateCode must be an ISO 3166-1 alpha-3 code in capitals, e.g. SAU' })
  stateCode?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The organisation it belongs to (Amnesty UK: Amnesty International)',
  })
  @IsOptional()
  @IsEntityId()
  parentOrganisation?: string;

  @Field(() => [String], { nullable: true, description: 'Other names it goes by (acronyms, translations)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  aliases?: string[];
}

@InputType()
export class MergeSourcesInput extends CommandInput {
  @Field(() => ID, { description: 'The source registered twice: it keeps its id, and counts as the canonical one' })
  @IsEntityId()
  duplicateSourceId: string;

  @Field(() => ID)
  @IsEntityId()
  canonicalSourceId: string;

  @Field()
  @IsString()
  @Length(1, 2000)
  reason: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsIsoDate()
  mergedOn: string;
}

@InputType()
export class RegradeSourceInput extends CommandInput {
  @Field(() => ID)
  @IsEntityId()
  sourceId: string;

  @Field(() => GradeEnum)
  @IsEnum(GradeEnum)
  newGrade: Grade;

  @Field()
  @IsString()
  @Length(1, 2000)
  reason: string;

  @Field({ description: 'YYYY-MM-DD: from when the new grade applies' })
  @IsIsoDate()
  regradedOn: string;
}
