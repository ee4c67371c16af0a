import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import type { ResolutionKind, Venue, Vote } from '@app/domain';
import { CommandInput } from '../../shared/command.input';
import { ResolutionKindEnum, VenueEnum, VoteEnum } from '../../graphql/enums';
import { COUNTRY_CODE, IsEntityId, IsIsoDate } from '../../graphql/validators';
import { CitationInput } from '../../incidents/dto/citation.input';
import { StatementScopeInput } from './scope.input';

@InputType()
export class VoteInput {
  @Field()
  @Matches(COUNTRY_CODE, { message: 'stateCode must be an ISO 3166-1 alpha-3 code in capitals' })
  stateCode: string;

  @Field(() => VoteEnum)
  @IsEnum(VoteEnum)
  vote: Vote;
}

@InputType()
export class RecordResolutionVoteInput extends CommandInput {
  @Field({ description: 'e.g. A/RES/71/203' })
  @IsString()
  @Length(1, 100)
  symbol: string;

  @Field()
  @IsString()
  @Length(1, 500)
  title: string;

  @Field(() => VenueEnum)
  @IsEnum(VenueEnum)
  venue: Venue;

  @Field({ description: 'YYYY-MM-DD' })
  @IsIsoDate()
  adoptedOn: string;

  @Field(() => ResolutionKindEnum, {
    description: 'What it says about use: a YES vote counts as a statement of this kind',
  })
  @IsEnum(ResolutionKindEnum)
  kind: ResolutionKind;

  @Field(() => [ID], { nullable: true, description: 'None when left out' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsEntityId({ each: true })
  incidentIds: string[] = [];

  @Field(() => StatementScopeInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => StatementScopeInput)
  scope?: StatementScopeInput;

  @Field(() => [VoteInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => VoteInput)
  votes: VoteInput[];

  @Field(() => CitationInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CitationInput)
  citation?: CitationInput;
}
