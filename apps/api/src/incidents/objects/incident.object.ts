import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { AllegedUserKind, Delivery, EvidenceKind, Grade, Stance } from '@app/domain';
import { AllegedUserKindEnum, DeliveryEnum, EvidenceKindEnum, GradeEnum, StanceEnum } from '../../graphql/enums';
import { InvestigationObject } from '../../investigations/objects/investigation.object';
import { StatementObject } from '../../statements/objects/statement.object';
import type { StatusChange } from '@app/domain';
import { AssessmentObject } from './assessment.object';
import { CorrectionObject } from './correction.object';

@ObjectType('Location')
export class LocationObject {
  @Field() countryCode: string;
  @Field(() => String, { nullable: true }) countryName?: string;
  @Field() placeName: string;
  @Field(() => Float, { nullable: true }) latitude?: number;
  @Field(() => Float, { nullable: true }) longitude?: number;
  @Field(() => Int, { nullable: true }) precisionMeters?: number;
}

@ObjectType('Munition')
export class MunitionObject {
  @Field() type: string;
  @Field(() => DeliveryEnum) delivery: Delivery;
  @Field(() => [String], { nullable: true }) producerStateCodes?: string[];
  @Field(() => [String], { nullable: true }) supplierStateCodes?: string[];
}

@ObjectType('AllegedUser')
export class AllegedUserObject {
  @Field(() => AllegedUserKindEnum) kind: AllegedUserKind;
  @Field(() => [String]) stateCodes: string[];
  @Field(() => String, { nullable: true }) name?: string;
}

@ObjectType('Casualties')
export class CasualtiesObject {
  @Field(() => Int, { nullable: true }) killed?: number;
  @Field(() => Int, { nullable: true }) injured?: number;
}

@ObjectType('Citation')
export class CitationObject {
  @Field(() => String, { nullable: true, description: 'Absent when stored files alone back the citation' })
  url?: string;
  @Field(() => String, { nullable: true }) archivedUrl?: string;
  @Field(() => String, { nullable: true }) archivedSha256?: string;
}

@ObjectType('CorroborationSource')
export class CorroborationSourceObject {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => GradeEnum) grade: Grade;
}

@ObjectType('Corroboration')
export class CorroborationObject {
  @Field(() => ID) id: string;
  @Field(() => CorroborationSourceObject) source: CorroborationSourceObject;
  @Field(() => StanceEnum) stance: Stance;
  @Field(() => [EvidenceKindEnum]) evidenceKinds: EvidenceKind[];
  @Field() publishedOn: string;
  @Field(() => CitationObject) citation: CitationObject;
  @Field(() => ID, { nullable: true }) derivedFrom?: string;
  @Field() summary: string;
  @Field(() => Int, { nullable: true, description: 'Admiralty information credibility 1–6 (6 when not given)' })
  credibility?: number;
  @Field(() => Int, { nullable: true }) geolocationPrecisionMeters?: number;
  @Field(() => String, { nullable: true }) retractedOn: string | null;
  @Field(() => String, { nullable: true }) retractionReason: string | null;
  @Field() recordedAt: Date;
}

@ObjectType('Withdrawal')
export class WithdrawalObject {
  @Field() reason: string;
  @Field() withdrawnOn: string;
}

@ObjectType('Incident')
export class IncidentObject {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: 'Revision of its stream (the first event is 0): send it as expectedRevision' })
  revision: number;
  @Field() occurredFrom: string;
  @Field() occurredTo: string;
  @Field(() => LocationObject) location: LocationObject;
  @Field(() => MunitionObject) munition: MunitionObject;
  @Field(() => AllegedUserObject) allegedUser: AllegedUserObject;
  @Field(() => CasualtiesObject, { nullable: true }) casualties?: CasualtiesObject;
  @Field() summary: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The situation it belongs to (at most one); corrections keep the history',
  })
  situationId?: string;
  @Field({ description: 'When the allegation became public' }) reportedOn: string;
  @Field(() => [ID], { description: 'Duplicate reports merged into this incident' }) mergedDuplicates: string[];
  @Field(() => WithdrawalObject, { nullable: true }) withdrawal: WithdrawalObject | null;
  @Field(() => AssessmentObject) assessment: AssessmentObject;
  /** Exposed with the events behind each change by IncidentFieldsResolver.statusHistory. */
  statusHistory: StatusChange[];
  @Field(() => [CorroborationObject]) corroborations: CorroborationObject[];
  @Field(() => [InvestigationObject], { description: 'Investigations covering it, by opening date' })
  investigations: InvestigationObject[];
  @Field(() => [StatementObject], { description: 'Statements referring to it, by delivery date' })
  statements: StatementObject[];
  @Field(() => [CorrectionObject], {
    description: 'Corrections of its details, oldest first; the fields above are as corrected',
  })
  corrections: CorrectionObject[];
  @Field({ description: 'When the registry first recorded it' }) recordedAt: Date;
}
