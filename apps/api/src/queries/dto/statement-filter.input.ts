import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, Matches } from 'class-validator';
import type { CcmStatus, StatementKind, Venue } from '@app/domain';
import { StatementKindEnum, VenueEnum } from '../../graphql/enums';
import { COUNTRY_CODE, IsEntityId, IsIsoDate } from '../../graphql/validators';
import { CcmStatusEnum } from '../objects/statement-read.objects';
import { TimeTravelFields } from './time-travel.input';

@InputType({
  description: 'What to list, and as of when: every field narrows the list; omitted fields do not filter',
})
export class StatementFilterInput extends TimeTravelFields('RECORDED') {
  @Field(() => [String], {
    nullable: true,
    description: 'Statements these States delivered or co-signed; a joint statement appears once per co-signer',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(300)
  @Matches(COUNTRY_CODE, { each: true, message: 'stateCodes must be ISO alpha-3 codes in capitals' })
  stateCodes?: string[];

  @Field(() => ID, {
    nullable: true,
    description: 'Statements referring to this incident (or a duplicate merged into it)',
  })
  @IsOptional()
  @IsEntityId()
  incidentId?: string;

  @Field(() => [StatementKindEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(StatementKindEnum, { each: true })
  kind?: StatementKind[];

  @Field(() => [VenueEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(VenueEnum, { each: true })
  venue?: Venue[];

  @Field({ nullable: true, description: 'Delivered on or after, YYYY-MM-DD' })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @Field({ nullable: true, description: 'Delivered on or before, YYYY-MM-DD' })
  @IsOptional()
  @IsIsoDate()
  to?: string;
}

@InputType()
export class StateFilterInput {
  @Field(() => CcmStatusEnum, { nullable: true })
  @IsOptional()
  @IsEnum(CcmStatusEnum)
  status?: CcmStatus;

  @Field({ nullable: true, description: 'The date the status is taken on, YYYY-MM-DD (default: as the list stands)' })
  @IsOptional()
  @IsIsoDate()
  on?: string;
}
