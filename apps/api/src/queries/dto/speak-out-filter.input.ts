import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches } from 'class-validator';
import { COUNTRY_CODE, IsEntityId, IsIsoDate } from '../../graphql/validators';
import { TimeTravelFields } from './time-travel.input';

const REPORT_DATE = 'The report date: the report as it stood then (default: the latest evidence date)';

@InputType({
  description:
    'What the report is about (a situation, an alleged user, or incidents; every field narrows the set), and its date',
})
export class SpeakOutFilterInput extends TimeTravelFields('KNOWN', REPORT_DATE) {
  @Field(() => [ID], {
    nullable: true,
    description: 'These incidents (merged duplicates resolve to their canonical incident)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsEntityId({ each: true })
  incidentIds?: string[];

  @Field({ nullable: true, description: 'Country where they happened (ISO alpha-3)' })
  @IsOptional()
  @Matches(COUNTRY_CODE, { message: 'countryCode must be an ISO alpha-3 code in capitals' })
  countryCode?: string;

  @Field({ nullable: true, description: 'A State among the alleged users (ISO alpha-3)' })
  @IsOptional()
  @Matches(COUNTRY_CODE, { message: 'allegedUser must be an ISO alpha-3 code in capitals' })
  allegedUser?: string;

  @Field(() => ID, { nullable: true, description: 'The situation: its incidents, and statements naming it' })
  @IsOptional()
  @IsEntityId()
  situationId?: string;

  @Field({ nullable: true, description: 'A named alleged user (a coalition or an armed group), case ignored' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  allegedGroup?: string;

  @Field({ nullable: true, description: 'Incidents that occurred on or after, YYYY-MM-DD' })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @Field({ nullable: true, description: 'Incidents that occurred on or before, YYYY-MM-DD' })
  @IsOptional()
  @IsIsoDate()
  to?: string;
}

@InputType({ description: 'The subjects of the matrix (situations and/or incidents), and its date' })
export class ResponseMatrixFilterInput extends TimeTravelFields('KNOWN', REPORT_DATE) {
  @Field(() => [ID], { nullable: true, description: 'Situations, in the order their rows come' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsEntityId({ each: true })
  situationIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Incidents, after the situations, in the order given' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsEntityId({ each: true })
  incidentIds?: string[];
}
