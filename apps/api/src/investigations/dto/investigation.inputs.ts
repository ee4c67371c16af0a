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
import type { InvestigationOutcome, InvestigatorKind } from '@app/domain';
import { CommandInput } from '../../shared/command.input';
import { InvestigatorKindEnum, OutcomeEnum } from '../../graphql/enums';
import { COUNTRY_CODE, IsEntityId, IsIsoDate } from '../../graphql/validators';
import { CitationInput } from '../../incidents/dto/citation.input';

const MAX_CITATIONS = 20;

/** A State investigates under its code; the UN, an NGO or a court as a registered source (sourceId). */
@InputType()
export class InvestigatorInput {
  @Field(() => InvestigatorKindEnum)
  @IsEnum(InvestigatorKindEnum)
  kind: InvestigatorKind;

  @Field({ nullable: true, description: 'ISO 3166-1 alpha-3; required for a STATE investigator' })
  @IsOptional()
  @Matches(COUNTRY_CODE, { message: 'stateCode must be an ISO 3166-1 alpha-3 code in capitals, e.g. GBR' })
  stateCode?: string;

  @Field({ nullable: true, description: "Shown in reasons; defaults to the source's or the State's name" })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The registered source that investigates: required unless a STATE (then optional: its grade)',
  })
  @IsOptional()
  @IsEntityId()
  sourceId?: string;
}

@InputType()
export class OpenInvestigationInput extends CommandInput {
  @Field(() => InvestigatorInput)
  @ValidateNested()
  @Type(() => InvestigatorInput)
  investigator: InvestigatorInput;

  @Field(() => [ID], {
    description: 'The incidents covered (merged duplicate ids resolve to their canonical incident)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsEntityId({ each: true })
  incidentIds: string[];

  @Field()
  @IsString()
  @Length(1, 5000)
  mandate: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsIsoDate()
  openedOn: string;

  @Field(() => [CitationInput], { nullable: true, description: 'Where the mandate was published, with stored files' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CITATIONS)
  @ValidateNested({ each: true })
  @Type(() => CitationInput)
  citations?: CitationInput[];
}

@InputType()
export class ConcludeInvestigationInput extends CommandInput {
  @Field(() => ID)
  @IsEntityId()
  investigationId: string;

  @Field(() => OutcomeEnum)
  @IsEnum(OutcomeEnum)
  outcome: InvestigationOutcome;

  @Field()
  @IsString()
  @Length(1, 10000)
  findings: string;

  @Field({ description: 'YYYY-MM-DD: when the conclusion was published' })
  @IsIsoDate()
  concludedOn: string;

  @Field(() => [CitationInput], { nullable: true, description: 'Where the findings were published, with stored files' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CITATIONS)
  @ValidateNested({ each: true })
  @Type(() => CitationInput)
  citations?: CitationInput[];
}
