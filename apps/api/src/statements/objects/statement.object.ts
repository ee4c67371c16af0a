import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { CcmStatus, Citation, StatementKind, Venue } from '@app/domain';
import { CcmStatusEnum } from '../../graphql/ccm-status.enum';
import { StatementKindEnum, VenueEnum } from '../../graphql/enums';
import { CorrectionObject } from '../../incidents/objects/correction.object';
import { StatementScopeObject } from './scope.object';
// incident.object.ts imports this file too: CitationObject is only referenced lazily (thunk, no design type).
import { CitationObject } from '../../incidents/objects/incident.object';

@ObjectType('Speaker')
export class SpeakerObject {
  @Field() stateCode: string;
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => CcmStatusEnum, { description: 'Its CCM status on the delivery date' }) ccmStatus: CcmStatus;
}

@ObjectType('Statement')
export class StatementObject {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: 'Revision of its stream (the first event is 0): send it as expectedRevision' })
  revision: number;
  @Field(() => [SpeakerObject], { description: 'The State(s) that delivered or co-signed it' })
  speakers: SpeakerObject[];
  @Field(() => String, { nullable: true, description: 'For a joint statement: the group spoken for' })
  onBehalfOf?: string;
  @Field(() => StatementKindEnum) kind: StatementKind;
  @Field(() => VenueEnum) venue: Venue;
  @Field() deliveredOn: string;
  @Field(() => [ID], {
    description: 'The incidents referred to (canonical ids); empty for a statement about a conflict',
  })
  incidentIds: string[];
  @Field() namesUser: boolean;
  @Field(() => StatementScopeObject, {
    description: 'What it speaks about (statements recorded before scopes: their incidents)',
  })
  scope: StatementScopeObject;
  @Field() quote: string;
  @Field(() => CitationObject) citation: Citation;
  @Field(() => [CorrectionObject], { description: 'Corrections, oldest first; the fields above are as corrected' })
  corrections: CorrectionObject[];
  @Field({ description: 'When the registry first recorded it' }) recordedAt: Date;
}
