import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { CommandInput } from '../../shared/command.input';
import { COUNTRY_CODE, IsEntityId, IsIsoDate } from '../../graphql/validators';

const CODES_MESSAGE = 'State codes must be ISO 3166-1 alpha-3 codes in capitals, e.g. SAU';

/** An alleged user as a statement or situation names it: State codes, or a group's name, or both. */
@InputType()
export class UserScopeInput {
  @Field(() => [String], { nullable: true, description: 'ISO alpha-3 codes; none when left out' })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(COUNTRY_CODE, { each: true, message: CODES_MESSAGE })
  stateCodes: string[] = [];

  @Field({ nullable: true, description: 'e.g. Saudi-led coalition, Islamic State' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;
}

@InputType()
export class PeriodInput {
  @Field({ description: 'YYYY-MM-DD' })
  @IsIsoDate()
  from: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD; none while it goes on' })
  @IsOptional()
  @IsIsoDate()
  to?: string;
}

@InputType()
export class RegisterSituationInput extends CommandInput {
  @Field({ description: 'e.g. Yemen: the Saudi-led coalition; Ukraine since 2022' })
  @IsString()
  @Length(1, 200)
  name: string;

  @Field(() => [String], { description: 'Countries where use is alleged (ISO alpha-3)' })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(COUNTRY_CODE, { each: true, message: CODES_MESSAGE })
  countryCodes: string[];

  @Field(() => [UserScopeInput])
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => UserScopeInput)
  allegedUsers: UserScopeInput[];

  @Field(() => PeriodInput)
  @ValidateNested()
  @Type(() => PeriodInput)
  period: PeriodInput;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  note?: string;
}

/** A patch: each given field replaces the current one whole. */
@InputType()
export class SituationChangesInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(COUNTRY_CODE, { each: true, message: CODES_MESSAGE })
  countryCodes?: string[];

  @Field(() => [UserScopeInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => UserScopeInput)
  allegedUsers?: UserScopeInput[];

  @Field(() => PeriodInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PeriodInput)
  period?: PeriodInput;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  note?: string;
}

@InputType()
export class CorrectSituationInput extends CommandInput {
  @Field(() => ID)
  @IsEntityId()
  situationId: string;

  @Field(() => SituationChangesInput)
  @ValidateNested()
  @Type(() => SituationChangesInput)
  changes: SituationChangesInput;

  @Field()
  @IsString()
  @Length(1, 2000)
  reason: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsIsoDate()
  correctedOn: string;
}
