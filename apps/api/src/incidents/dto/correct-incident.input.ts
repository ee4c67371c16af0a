import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { CommandInput } from '../../shared/command.input';
import { IsEntityId, IsIsoDate } from '../../graphql/validators';
import { AllegedUserInput, CasualtiesInput, LocationInput, MunitionInput } from './incident-details.input';

/**
 * A patch of the incident's details: each given field replaces the current one whole
 * (a new location replaces the location).
 */
@InputType()
export class IncidentChangesInput {
  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsIsoDate()
  occurredFrom?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsIsoDate()
  occurredTo?: string;

  @Field(() => LocationInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationInput)
  location?: LocationInput;

  @Field(() => MunitionInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MunitionInput)
  munition?: MunitionInput;

  @Field(() => AllegedUserInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AllegedUserInput)
  allegedUser?: AllegedUserInput;

  @Field(() => CasualtiesInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CasualtiesInput)
  casualties?: CasualtiesInput;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  summary?: string;

  @Field(() => ID, { nullable: true, description: 'Moves it to this situation (an incident belongs to at most one)' })
  @IsOptional()
  @IsEntityId()
  situationId?: string;
}

@InputType()
export class CorrectIncidentInput extends CommandInput {
  @Field(() => ID, { description: 'A merged duplicate id corrects the canonical incident' })
  @IsEntityId()
  incidentId: string;

  @Field(() => IncidentChangesInput)
  @ValidateNested()
  @Type(() => IncidentChangesInput)
  changes: IncidentChangesInput;

  @Field()
  @IsString()
  @Length(1, 2000)
  reason: string;

  @Field({ description: 'YYYY-MM-DD: when the correction was made known' })
  @IsIsoDate()
  correctedOn: string;
}
