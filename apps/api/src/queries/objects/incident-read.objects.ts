import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Readiness, Status } from '@app/domain';
import { ReadinessEnum, StatusEnum } from '../../graphql/enums';
import { IncidentObject } from '../../incidents/objects/incident.object';
import type { ScopeLevel } from '@app/projections';
import { ResolutionObject } from '../../statements/objects/resolution.object';
import { StatementObject } from '../../statements/objects/statement.object';
import { ScopeLevelEnum } from './speak-out.objects';
import { PageInfoObject } from './page-info.object';

@ObjectType('ReferringStatement', {
  description:
    'A statement covering the incident (as the speak-out report counts it); a condemnation with its lag after the ' +
    "incident's first confirmation",
})
export class ReferringStatementObject {
  @Field(() => StatementObject) statement: StatementObject;
  @Field(() => ScopeLevelEnum, {
    description: 'How it covers the incident: names it, its situation, its alleged user, or any use (GENERIC)',
  })
  scope: ScopeLevel;
  @Field(() => Int, {
    nullable: true,
    description:
      'A condemnation: days from firstConfirmedOn (evidence clock) to delivery, negative if anticipatory. Null for ' +
      'other kinds and before any confirmation',
  })
  lagDays: number | null;
  @Field({ description: 'A condemnation delivered before the incident was first confirmed' }) anticipatory: boolean;
}

@ObjectType('ReferringResolution', {
  description:
    "A resolution covering the incident: each YES vote counts as that State's statement on its adoption date",
})
export class ReferringResolutionObject {
  @Field(() => ResolutionObject) resolution: ResolutionObject;
  @Field(() => ScopeLevelEnum) scope: ScopeLevel;
  @Field(() => Int, {
    nullable: true,
    description:
      'A condemnation: days from firstConfirmedOn (evidence clock) to adoption, negative if anticipatory. Null for ' +
      'a CONCERN resolution and before any confirmation',
  })
  lagDays: number | null;
  @Field({ description: 'A condemnation adopted before the incident was first confirmed' }) anticipatory: boolean;
}

@ObjectType('StatusChange', { description: 'One status change, its evidence date, and the events that caused it' })
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
