import { Field, ID, InputType, IntersectionType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Length } from 'class-validator';
import type { Stance } from '@app/domain';
import { CommandInput } from '../../shared/command.input';
import { StanceEnum } from '../../graphql/enums';
import { IsEntityId, IsIsoDate } from '../../graphql/validators';
import { FirstSourceInput } from './allege-use.input';

/** One source's evidence about one incident: the first source's fields, plus stance and derivation. */
@InputType()
export class AddCorroborationInput extends IntersectionType(CommandInput, FirstSourceInput) {
  @Field(() => ID, { description: 'A merged duplicate id adds to the canonical incident' })
  @IsEntityId()
  incidentId: string;

  @Field(() => StanceEnum)
  @IsEnum(StanceEnum)
  stance: Stance;

  @Field(() => ID, {
    nullable: true,
    description: 'The corroboration this one merely repeats (derived reporting is not independent)',
  })
  @IsOptional()
  @IsEntityId()
  derivedFrom?: string;
}

@InputType()
export class RetractCorroborationInput extends CommandInput {
  @Field(() => ID)
  @IsEntityId()
  incidentId: string;

  @Field(() => ID)
  @IsEntityId()
  corroborationId: string;

  @Field()
  @IsString()
  @Length(1, 2000)
  reason: string;

  @Field({ description: 'YYYY-MM-DD: when the source retracted' })
  @IsIsoDate()
  retractedOn: string;
}
