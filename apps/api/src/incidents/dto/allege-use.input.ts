import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import type { Credibility, EvidenceKind } from '@app/domain';
import { CommandInput } from '../../shared/command.input';
import { EvidenceKindEnum } from '../../graphql/enums';
import { IsEntityId, IsIsoDate } from '../../graphql/validators';
import { CitationInput } from './citation.input';
import { AllegedUserInput, CasualtiesInput, LocationInput, MunitionInput } from './incident-details.input';

/** The allegation's first source: a supporting corroboration. */
@InputType()
export class FirstSourceInput {
  @Field(() => ID)
  @IsEntityId()
  sourceId: string;

  @Field(() => [EvidenceKindEnum], { nullable: true, description: 'None when left out' })
  @IsArray()
  @ArrayMaxSize(8)
  @IsEnum(EvidenceKindEnum, { each: true })
  evidenceKinds: EvidenceKind[] = [];

  @Field({ description: 'YYYY-MM-DD: when the source published it' })
  @IsIsoDate()
  publishedOn: string;

  @Field(() => CitationInput)
  @ValidateNested()
  @Type(() => CitationInput)
  citation: CitationInput;

  @Field({ nullable: true, description: 'Empty when left out' })
  @IsString()
  @Length(0, 5000)
  summary: string = '';

  @Field(() => Int, {
    nullable: true,
    description: 'Admiralty information credibility: 1 confirmed .. 5 improbable, 6 cannot be judged (default)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(6)
  credibility?: Credibility;

  @Field(() => Int, { nullable: true, description: 'Geolocated video or imagery: radius in metres fixing the place' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  geolocationPrecisionMeters?: number;
}

@InputType()
export class AllegeUseInput extends CommandInput {
  @Field({ description: 'YYYY-MM-DD: the first day the use may have happened' })
  @IsIsoDate()
  occurredFrom: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD: the last possible day; defaults to occurredFrom' })
  @IsOptional()
  @IsIsoDate()
  occurredTo?: string;

  @Field(() => LocationInput)
  @ValidateNested()
  @Type(() => LocationInput)
  location: LocationInput;

  @Field(() => MunitionInput)
  @ValidateNested()
  @Type(() => MunitionInput)
  munition: MunitionInput;

  @Field(() => AllegedUserInput)
  @ValidateNested()
  @Type(() => AllegedUserInput)
  allegedUser: AllegedUserInput;

  @Field(() => CasualtiesInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CasualtiesInput)
  casualties?: CasualtiesInput;

  @Field()
  @IsString()
  @Length(1, 5000)
  summary: string;

  @Field({ description: 'YYYY-MM-DD: when the allegation became public' })
  @IsIsoDate()
  reportedOn: string;

  @Field(() => ID, { nullable: true, description: 'The situation (conflict or theatre of use) it belongs to' })
  @IsOptional()
  @IsEntityId()
  situationId?: string;

  @Field(() => FirstSourceInput)
  @ValidateNested()
  @Type(() => FirstSourceInput)
  firstSource: FirstSourceInput;
}
