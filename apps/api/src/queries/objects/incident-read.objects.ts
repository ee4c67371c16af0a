import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Readiness, Status } from '@app/domain';
import { ReadinessEnum, StatusEnum } from '../../graphql/enums';
import { IncidentObject } from '../../incidents/objects/incident.object';
import { StatementObject } from '../../statements/objects/statement.object';
import { PageInfoObject } from './page-info.object';

export const LagFromEnum = { CONFIRMED: 'CONFIRMED', CORROBORATED: 'CORROBORATED' } as const;
registerEnumType(LagFromEnum, { name: 'LagFrom', description: 'The milestone a statement lag is measured from' });

export const IncidentSortEnum = { OCCURRED: 'OCCURRED', STATUS_CHANGED: 'STATUS_CHANGED' } as const;
registerEnumType(IncidentSortEnum, { name: 'IncidentSort' });

@ObjectType('ReferringStatement', { description: 'A statement about the incident, with its lag after the milestone it answers' })
export class ReferringStatementObject {
  @Field(() => StatementObject) statement: StatementObject;
  @Field(() => LagFromEnum, { description: 'CONFIRMED for condemnations and most kinds; CORROBORATED for concern and calls for investigation' })
  lagFrom: 'CONFIRMED' | 'CORROBORATED';
  @Field(() => Int, { nullable: true, description: 'Days from that milestone to delivery; negative if earlier; null if never reached' })
  lagDays: number | null;
}

@ObjectType('IncidentStatusChange', { description: 'One status change, its evidence date, and the events that caused it' })
export class IncidentStatusChangeObject {
  @Field(() => StatusEnum) status: Status;
  @Field(() => ReadinessEnum) readiness: Readiness;
  @Field({ description: 'Evidence date of the change' }) on: string;
  @Field() rule: string;
  @Field(() => [String]) evidenceIds: string[];
  @Field(() => [ID], { description: 'Ids of the events that carried the evidence' }) eventIds: string[];
}

@ObjectType('IncidentEvent', { description: 'One entry of the audit trail' })
export class AuditEntryObject {
  @Field(() => ID) eventId: string;
  @Field() type: string;
  @Field(() => String, { nullable: true, description: 'The evidence date the event carries (null for none)' })
  evidenceDate: string | null;
  @Field({ description: 'When the registry recorded it' }) recordedAt: Date;
  @Field() actor: string;
  @Field() summary: string;
}

@ObjectType('IncidentEdge')
export class IncidentEdgeObject {
  @Field() cursor: string;
  @Field(() => IncidentObject) node: IncidentObject;
}

@ObjectType('IncidentConnection')
export class IncidentConnectionObject {
  @Field(() => [IncidentEdgeObject]) edges: IncidentEdgeObject[];
  @Field(() => PageInfoObject) pageInfo: PageInfoObject;
  @Field(() => Int) totalCount: number;
}
