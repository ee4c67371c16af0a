import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import type { Readiness, Status } from '@app/domain';
import { ReadinessEnum, StatusEnum } from '../../graphql/enums';
import { COUNTRY_CODE, IsEntityId, IsIsoDate } from '../../graphql/validators';
import { TimeTravelFields } from './time-travel.input';

const CODE_MESSAGE = 'must be an ISO 3166-1 alpha-3 code in capitals, e.g. YEM';

@InputType({ description: 'Who has not condemned yet: every State Party on the date, and/or the given States' })
export class NotYetCondemnedByInput {
  @Field({
    nullable: true,
    description: 'Every State Party on the date asked about (asOf, else the latest evidence date)',
  })
  @IsOptional()
  @IsBoolean()
  statesParties?: boolean;

  @Field(() => [String], { nullable: true, description: 'These States (ISO alpha-3)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @Matches(COUNTRY_CODE, { each: true, message: `stateCodes ${CODE_MESSAGE}` })
  stateCodes?: string[];

  @Field({
    nullable: true,
    description: 'Count generic condemnations ("any use by any actor") as condemning it (default false)',
  })
  @IsOptional()
  @IsBoolean()
  countGeneric?: boolean;
}

@InputType({
  description: 'What to list, and as of when: every field narrows the list; omitted fields do not filter',
})
export class IncidentFilterInput extends TimeTravelFields('RECORDED') {
  @Field({ nullable: true, description: 'ISO alpha-3 code of the country where it happened' })
  @IsOptional()
  @Matches(COUNTRY_CODE, { message: `countryCode ${CODE_MESSAGE}` })
  countryCode?: string;

  @Field({ nullable: true, description: 'ISO alpha-3 code of a State among the alleged users' })
  @IsOptional()
  @Matches(COUNTRY_CODE, { message: `allegedUser ${CODE_MESSAGE}` })
  allegedUser?: string;

  @Field(() => [StatusEnum], { nullable: true, description: 'Any of these statuses' })
  @IsOptional()
  @IsArray()
  @IsEnum(StatusEnum, { each: true })
  status?: Status[];

  @Field(() => [ReadinessEnum], { nullable: true, description: 'Any of these readiness levels' })
  @IsOptional()
  @IsArray()
  @IsEnum(ReadinessEnum, { each: true })
  readiness?: Readiness[];

  @Field({ nullable: true, description: 'Exact munition type, case-insensitive (BL-755)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  munitionType?: string;

  @Field({ nullable: true, description: 'Occurred on or after (ranges overlapping it match), YYYY-MM-DD' })
  @IsOptional()
  @IsIsoDate()
  occurredFrom?: string;

  @Field({ nullable: true, description: 'Occurred on or before, YYYY-MM-DD' })
  @IsOptional()
  @IsIsoDate()
  occurredTo?: string;

  @Field({ nullable: true, description: 'Case-insensitive text in the place name, munition type or summary' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  text?: string;

  @Field(() => ID, { nullable: true, description: 'Incidents of this situation' })
  @IsOptional()
  @IsEntityId()
  situationId?: string;

  @Field({ nullable: true, description: 'First CONFIRMED (evidence clock) on or after, YYYY-MM-DD' })
  @IsOptional()
  @IsIsoDate()
  firstConfirmedFrom?: string;

  @Field({ nullable: true, description: 'First CONFIRMED on or before, YYYY-MM-DD' })
  @IsOptional()
  @IsIsoDate()
  firstConfirmedTo?: string;

  @Field(() => NotYetCondemnedByInput, {
    nullable: true,
    description: 'Incidents none of these States has condemned yet',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => NotYetCondemnedByInput)
  notYetCondemnedBy?: NotYetCondemnedByInput;
}
