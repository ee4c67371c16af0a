import { Field, Float, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import type { AllegedUserKind, Delivery } from '@app/domain';
import { AllegedUserKindEnum, DeliveryEnum } from '../../graphql/enums';
import { COUNTRY_CODE } from '../../graphql/validators';

@InputType()
export class LocationInput {
  @Field({ description: 'ISO 3166-1 alpha-3, e.g. YEM' })
  @Matches(COUNTRY_CODE, { message: 'countryCode must be an ISO 3166-1 alpha-3 code in capitals, e.g. YEM' })
  countryCode: string;

  @Field()
  @IsString()
  @Length(1, 200)
  placeName: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude?: number;

  @Field(() => Int, { nullable: true, description: 'Radius in metres within which the point lies' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  precisionMeters?: number;
}

@InputType()
export class MunitionInput {
  @Field({ description: 'e.g. BL-755, M26, 9M27K' })
  @IsString()
  @Length(1, 100)
  type: string;

  @Field(() => DeliveryEnum)
  @IsEnum(DeliveryEnum)
  delivery: Delivery;

  @Field(() => [String], {
    nullable: true,
    description: 'ISO alpha-3 codes of the States that produced it: interested parties',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(COUNTRY_CODE, { each: true, message: 'producerStateCodes must be ISO 3166-1 alpha-3 codes' })
  producerStateCodes?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'ISO alpha-3 codes of the States that supplied it: interested parties',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(COUNTRY_CODE, { each: true, message: 'supplierStateCodes must be ISO 3166-1 alpha-3 codes' })
  supplierStateCodes?: string[];
}

@InputType()
export class AllegedUserInput {
  @Field(() => AllegedUserKindEnum)
  @IsEnum(AllegedUserKindEnum)
  kind: AllegedUserKind;

  @Field(() => [String], {
    nullable: true,
    description:
      'ISO alpha-3 codes: one for a State; for a coalition the members known (at least one); none when left out',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(COUNTRY_CODE, { each: true, message: 'stateCodes must be ISO 3166-1 alpha-3 codes' })
  stateCodes: string[] = [];

  @Field({ nullable: true, description: 'e.g. the name of a coalition or armed group' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;
}

@InputType()
export class CasualtiesInput {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  killed?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  injured?: number;
}
