import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, Matches } from 'class-validator';
import { COUNTRY_CODE, IsEntityId, IsIsoDate } from '../../graphql/validators';

@InputType({ description: 'Which incidents the report covers; every field narrows the set' })
export class SpeakOutFilterInput {
  @Field(() => [ID], { nullable: true, description: 'These incidents (merged duplicates resolve to their canonical incident)' })
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsEntityId({ each: true })
  incidentIds?: string[];

  @Field({ nullable: true, description: 'Country where they happened (ISO alpha-3)' })
  @IsOptional() @Matches(COUNTRY_CODE, { message: 'countryCode must be an ISO alpha-3 code in capitals' })
  countryCode?: string;

  @Field({ nullable: true, description: 'A State among the alleged users (ISO alpha-3)' })
  @IsOptional() @Matches(COUNTRY_CODE, { message: 'allegedUser must be an ISO alpha-3 code in capitals' })
  allegedUser?: string;

  @Field({ nullable: true, description: 'Incidents that occurred on or after, YYYY-MM-DD' }) @IsOptional() @IsIsoDate()
  from?: string;

  @Field({ nullable: true, description: 'Incidents that occurred on or before, YYYY-MM-DD' }) @IsOptional() @IsIsoDate()
  to?: string;
}
