import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import type { Grade, SourceKind } from '@app/domain';
import { GradeEnum, SourceKindEnum } from '../../graphql/enums';
import { CommandInput } from '../../shared/command.input';
import { IsEntityId, IsIsoDate } from '../../graphql/validators';

@InputType()
export class RegisterSourceInput extends CommandInput {
  @Field({ description: 'e.g. Amnesty International, Human Rights Watch, UN Panel of Experts on Yemen' })
  @IsString() @Length(1, 200)
  name: string;

  @Field(() => SourceKindEnum) @IsEnum(SourceKindEnum)
  kind: SourceKind;

  @Field(() => GradeEnum, { description: 'Reliability on the NATO Admiralty scale, A to F' }) @IsEnum(GradeEnum)
  grade: Grade;

  @Field({ nullable: true })
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'homepage must be an http(s) address' })
  @MaxLength(2048)
  homepage?: string;
}

@InputType()
export class RegradeSourceInput extends CommandInput {
  @Field(() => ID) @IsEntityId()
  sourceId: string;

  @Field(() => GradeEnum) @IsEnum(GradeEnum)
  newGrade: Grade;

  @Field() @IsString() @Length(1, 2000)
  reason: string;

  @Field({ description: 'YYYY-MM-DD: from when the new grade applies' }) @IsIsoDate()
  regradedOn: string;
}
