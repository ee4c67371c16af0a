import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import type { StatementKind, Venue } from '@app/domain';
import { CommandInput } from '../../shared/command.input';
import { StatementKindEnum, VenueEnum } from '../../graphql/enums';
import { COUNTRY_CODE, IsEntityId, IsIsoDate } from '../../graphql/validators';
import { CitationInput } from '../../incidents/dto/citation.input';
import { StatementScopeInput } from './scope.input';

const SPEAKERS_MESSAGE = 'speakers must be ISO 3166-1 alpha-3 codes in capitals, e.g. GBR';
/** Joint statements can be long lists (a regional group, the EU with its members). */
const MAX_SPEAKERS = 200;
const MAX_INCIDENTS = 200;

@InputType()
export class RecordStatementInput extends CommandInput {
  @Field(() => [String], { description: 'ISO alpha-3 codes of the State(s) that delivered or co-signed it' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SPEAKERS)
  @Matches(COUNTRY_CODE, { each: true, message: SPEAKERS_MESSAGE })
  speakers: string[];

  @Field({ nullable: true, description: 'For a joint statement: the group spoken for' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  onBehalfOf?: string;

  @Field(() => StatementKindEnum)
  @IsEnum(StatementKindEnum)
  kind: StatementKind;

  @Field(() => VenueEnum)
  @IsEnum(VenueEnum)
  venue: Venue;

  @Field({ description: 'YYYY-MM-DD' })
  @IsIsoDate()
  deliveredOn: string;

  @Field(() => [ID], { description: 'The incidents referred to; empty for a statement about a conflict' })
  @IsArray()
  @ArrayMaxSize(MAX_INCIDENTS)
  @IsEntityId({ each: true })
  incidentIds: string[];

  @Field({ description: 'Whether the statement names the user' })
  @IsBoolean()
  namesUser: boolean;

  @Field()
  @IsString()
  @Length(1, 10000)
  quote: string;

  @Field(() => CitationInput)
  @ValidateNested()
  @Type(() => CitationInput)
  citation: CitationInput;

  @Field(() => StatementScopeInput, {
    nullable: true,
    description: 'Situations, an alleged user, or generic, besides incidentIds',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => StatementScopeInput)
  scope?: StatementScopeInput;
}

/** A patch: each given field replaces the current one. */
@InputType()
export class StatementChangesInput {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SPEAKERS)
  @Matches(COUNTRY_CODE, { each: true, message: SPEAKERS_MESSAGE })
  speakers?: string[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  onBehalfOf?: string;

  @Field(() => StatementKindEnum, { nullable: true })
  @IsOptional()
  @IsEnum(StatementKindEnum)
  kind?: StatementKind;

  @Field(() => VenueEnum, { nullable: true })
  @IsOptional()
  @IsEnum(VenueEnum)
  venue?: Venue;

  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsIsoDate()
  deliveredOn?: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_INCIDENTS)
  @IsEntityId({ each: true })
  incidentIds?: string[];

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  namesUser?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 10000)
  quote?: string;

  @Field(() => CitationInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CitationInput)
  citation?: CitationInput;

  @Field(() => StatementScopeInput, { nullable: true, description: 'Replaces the whole scope (besides incidentIds)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => StatementScopeInput)
  scope?: StatementScopeInput;
}

@InputType()
export class CorrectStatementInput extends CommandInput {
  @Field(() => ID)
  @IsEntityId()
  statementId: string;

  @Field(() => StatementChangesInput)
  @ValidateNested()
  @Type(() => StatementChangesInput)
  changes: StatementChangesInput;

  @Field()
  @IsString()
  @Length(1, 2000)
  reason: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsIsoDate()
  correctedOn: string;
}
