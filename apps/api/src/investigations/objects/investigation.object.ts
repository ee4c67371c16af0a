import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { InvestigationOutcome, InvestigatorKind } from '@app/domain';
import { InvestigatorKindEnum, OutcomeEnum } from '../../graphql/enums';

@ObjectType('Investigator')
export class InvestigatorObject {
  @Field(() => InvestigatorKindEnum) kind: InvestigatorKind;
  @Field(() => String, { nullable: true }) stateCode?: string;
  @Field(() => String, { nullable: true, description: "The name given, or the State's name for a STATE investigator" })
  name?: string;
  @Field(() => ID, { nullable: true, description: 'The registered source that investigates' }) sourceId?: string;
}

@ObjectType('Investigation')
export class InvestigationObject {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: 'Revision of its stream (the first event is 0): send it as expectedRevision' })
  revision: number;
  @Field(() => InvestigatorObject) investigator: InvestigatorObject;
  @Field(() => [ID], { description: 'The incidents covered (canonical ids: merged duplicates resolved)' })
  incidentIds: string[];
  @Field() mandate: string;
  @Field() openedOn: string;
  @Field(() => OutcomeEnum, { nullable: true, description: 'Null while the investigation is open' })
  outcome: InvestigationOutcome | null;
  @Field(() => String, { nullable: true }) findings: string | null;
  @Field(() => String, { nullable: true }) concludedOn: string | null;
  @Field({ description: 'When the registry first recorded it' }) recordedAt: Date;
}
