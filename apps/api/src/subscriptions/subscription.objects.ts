import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, Matches } from 'class-validator';
import type { Readiness, StatementKind, Status } from '@app/domain';
import { ReadinessEnum, StatementKindEnum, StatusEnum } from '../graphql/enums';
import { COUNTRY_CODE, IsEntityId } from '../graphql/validators';
import { IncidentObject } from '../incidents/objects/incident.object';

@ObjectType('IncidentStatusChanged', {
  description: "A real change of an incident's status (a new incident has before = null)",
})
export class IncidentStatusChangedObject {
  @Field(() => ID) incidentId: string;
  @Field(() => StatusEnum, { nullable: true }) before: Status | null;
  @Field(() => StatusEnum) after: Status;
  @Field(() => ReadinessEnum) readiness: Readiness;
  @Field() rule: string;
  @Field(() => String, { nullable: true, description: 'Evidence date on which the new status holds' }) on:
    string | null;
  @Field(() => ID, { description: 'The event that caused it' }) eventId: string;
  @Field(() => IncidentObject, { description: 'The incident after the change' }) incident: IncidentObject;
}

@InputType()
export class StatusChangedFilterInput {
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsEntityId({ each: true })
  incidentIds?: string[];

  @Field({ nullable: true })
  @IsOptional()
  @Matches(COUNTRY_CODE, { message: 'countryCode must be an ISO alpha-3 code in capitals' })
  countryCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(COUNTRY_CODE, { message: 'allegedUser must be an ISO alpha-3 code in capitals' })
  allegedUser?: string;

  @Field(() => [StatusEnum], { nullable: true, description: 'Only changes to one of these statuses' })
  @IsOptional()
  @IsArray()
  @IsEnum(StatusEnum, { each: true })
  after?: Status[];
}

@InputType()
export class StatementRecordedFilterInput {
  @Field(() => [String], { nullable: true, description: 'Delivered or co-signed by one of these States' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(300)
  @Matches(COUNTRY_CODE, { each: true, message: 'stateCodes must be ISO alpha-3 codes in capitals' })
  stateCodes?: string[];

  @Field(() => ID, { nullable: true, description: 'Referring to this incident' })
  @IsOptional()
  @IsEntityId()
  incidentId?: string;

  @Field(() => [StatementKindEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(StatementKindEnum, { each: true })
  kind?: StatementKind[];
}
