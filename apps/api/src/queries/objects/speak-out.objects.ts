import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { CcmStatus, StatementKind } from '@app/domain';
import { StatementKindEnum } from '../../graphql/enums';
import { CcmStatusEnum } from './statement-read.objects';

@ObjectType('StateResponse', { description: 'A State Party that spoke: its statements of one kind group, oldest first' })
export class StateResponseObject {
  @Field() stateCode: string;
  @Field() name: string;
  @Field(() => [String]) statementIds: string[];
  @Field({ description: 'Delivery date of its first such statement' }) firstOn: string;
  @Field(() => [String], { description: 'The matched incidents these statements referred to' }) incidentIds: string[];
}

@ObjectType('SilentState')
export class SilentStateObject {
  @Field() stateCode: string;
  @Field() name: string;
}

@ObjectType('CondemnationLag')
export class CondemnationLagObject {
  @Field() stateCode: string;
  @Field() incidentId: string;
  @Field() confirmedOn: string;
  @Field() condemnedOn: string;
  @Field(() => Int, { description: 'Days from confirmation to the first condemnation (0 if it came earlier)' }) days: number;
}

@ObjectType('NonPartySpeaker')
export class NonPartySpeakerObject {
  @Field() stateCode: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => CcmStatusEnum) ccmStatus: CcmStatus;
  @Field(() => [StatementKindEnum]) kinds: StatementKind[];
  @Field(() => [String]) statementIds: string[];
}

@ObjectType('SpeakOutReport', { description: 'Who spoke out on a set of incidents, as of a date' })
export class SpeakOutReportObject {
  @Field({ description: 'The date the report speaks for (memberships, statuses and statements as of it)' }) asOf: string;
  @Field(() => [String]) incidentIds: string[];
  @Field(() => [String]) confirmedIncidentIds: string[];
  @Field(() => Int, { description: 'States Parties on the report date' }) statesPartiesCount: number;
  @Field(() => [StateResponseObject], { description: 'States Parties that condemned' }) condemned: StateResponseObject[];
  @Field(() => [StateResponseObject], { description: 'States Parties that expressed concern or called for an investigation, but did not condemn' })
  expressedConcern: StateResponseObject[];
  @Field(() => [SilentStateObject], { description: 'States Parties that said nothing although at least one incident is confirmed' })
  silent: SilentStateObject[];
  @Field(() => [CondemnationLagObject]) lags: CondemnationLagObject[];
  @Field(() => Float, { nullable: true }) medianLagDays: number | null;
  @Field(() => Int, { nullable: true }) maxLagDays: number | null;
  @Field(() => [NonPartySpeakerObject], { description: 'States not party on the report date that spoke' })
  nonPartiesThatSpoke: NonPartySpeakerObject[];
}
