import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import type { EvidenceKind, Stance } from '@app/domain';
import { CommandInput } from '../../shared/command.input';
import { EvidenceKindEnum, StanceEnum } from '../../graphql/enums';
import { IsEntityId, IsIsoDate } from '../../graphql/validators';
import { CitationInput } from './citation.input';

@InputType()
export class AddCorroborationInput extends CommandInput {
  @Field(() => ID, { description: 'A merged duplicate id adds to the canonical incident' }) @IsEntityId()
  incidentId: string;

  @Field(() => ID) @IsEntityId()
  sourceId: string;

  @Field(() => StanceEnum) @IsEnum(StanceEnum)
  stance: Stance;

  @Field(() => [EvidenceKindEnum], { defaultValue: [] })
  @IsArray() @ArrayMaxSize(8) @IsEnum(EvidenceKindEnum, { each: true })
  evidenceKinds: EvidenceKind[] = [];

  @Field({ description: 'YYYY-MM-DD: when the source published it' }) @IsIsoDate()
  publishedOn: string;

  @Field(() => CitationInput) @ValidateNested() @Type(() => CitationInput)
  citation: CitationInput;

  @Field(() => ID, { nullable: true, description: 'The corroboration this one merely repeats (derived reporting is not independent)' })
  @IsOptional() @IsEntityId()
  derivedFrom?: string;

  @Field({ defaultValue: '' }) @IsString() @Length(0, 5000)
  summary: string = '';
}

@InputType()
export class RetractCorroborationInput extends CommandInput {
  @Field(() => ID) @IsEntityId()
  incidentId: string;

  @Field(() => ID) @IsEntityId()
  corroborationId: string;

  @Field() @IsString() @Length(1, 2000)
  reason: string;

  @Field({ description: 'YYYY-MM-DD: when the source retracted' }) @IsIsoDate()
  retractedOn: string;
}
