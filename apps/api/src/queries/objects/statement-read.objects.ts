import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { CcmStatus, Readiness, Status } from '@app/domain';
import { ReadinessEnum, StatusEnum } from '../../graphql/enums';
import { StatementObject } from '../../statements/objects/statement.object';
import { PageInfoObject } from './page-info.object';

import { CcmStatusEnum } from '../../graphql/ccm-status.enum';

export { CcmStatusEnum };

@ObjectType('StatementEdge')
export class StatementEdgeObject {
  @Field() cursor: string;
  @Field(() => StatementObject) node: StatementObject;
  @Field(() => String, { nullable: true, description: 'When filtering by State: the co-signer this row stands for' })
  speaker: string | null;
}

@ObjectType('StatementConnection')
export class StatementConnectionObject {
  @Field(() => [StatementEdgeObject]) edges: StatementEdgeObject[];
  @Field(() => PageInfoObject) pageInfo: PageInfoObject;
  @Field(() => Int) totalCount: number;
}

@ObjectType('IncidentStatusThen', { description: "An incident's status as publicly known on the day a State spoke" })
export class IncidentStatusThenObject {
  @Field({ description: 'As the statement named it' }) incidentId: string;
  @Field(() => String, { nullable: true, description: 'The incident it resolves to now (merged duplicates)' })
  canonicalIncidentId: string | null;
  @Field(() => StatusEnum, { nullable: true, description: 'Null when nothing supported it yet' }) status: Status | null;
  @Field(() => ReadinessEnum) readiness: Readiness;
  @Field(() => String, { nullable: true }) rule: string | null;
}

@ObjectType('TimelineEntry')
export class TimelineEntryObject {
  @Field(() => StatementObject) statement: StatementObject;
  @Field(() => CcmStatusEnum, { description: "The State's CCM status on the delivery date" }) ccmStatus: CcmStatus;
  @Field(() => [IncidentStatusThenObject]) incidents: IncidentStatusThenObject[];
}

@ObjectType('StateTimeline')
export class StateTimelineObject {
  @Field() stateCode: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => [TimelineEntryObject], { description: 'Its statements (joint ones included), oldest first' })
  entries: TimelineEntryObject[];
}

@ObjectType('State')
export class StateObject {
  @Field() stateCode: string;
  @Field() name: string;
  @Field(() => CcmStatusEnum) ccmStatus: CcmStatus;
  @Field(() => String, { nullable: true }) signedOn: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Deposit of its instrument of ratification, acceptance or accession',
  })
  ratifiedOrAccededOn: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Entry into force for it (Article 17): a State Party from this date',
  })
  entryIntoForceOn: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'When its withdrawal took effect: no longer a party from this date',
  })
  withdrawnOn: string | null;
}
