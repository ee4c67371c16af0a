import { registerEnumType } from '@nestjs/graphql';
import {
  ALLEGED_USER_KINDS,
  DELIVERIES,
  EVIDENCE_KINDS,
  GRADES,
  INVESTIGATOR_KINDS,
  OUTCOMES,
  SOURCE_KINDS,
  STANCES,
  STATEMENT_KINDS,
  STATUSES,
  VENUES,
} from '@app/domain';
import { RESOLUTION_KINDS, VOTES } from '@app/domain';

/** GraphQL enums are generated from the domain's value lists, so the two never drift apart. */
function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const SourceKindEnum = enumOf(SOURCE_KINDS);
export const GradeEnum = enumOf(GRADES);
export const DeliveryEnum = enumOf(DELIVERIES);
export const AllegedUserKindEnum = enumOf(ALLEGED_USER_KINDS);
export const StanceEnum = enumOf(STANCES);
export const EvidenceKindEnum = enumOf(EVIDENCE_KINDS);
export const InvestigatorKindEnum = enumOf(INVESTIGATOR_KINDS);
export const OutcomeEnum = enumOf(OUTCOMES);
export const StatementKindEnum = enumOf(STATEMENT_KINDS);
export const VenueEnum = enumOf(VENUES);
export const StatusEnum = enumOf(STATUSES);
export const ReadinessEnum = enumOf(['CONDEMN', 'CONCERN', 'NONE'] as const);
export const ClockEnum = enumOf(['RECORDED', 'KNOWN'] as const);

registerEnumType(SourceKindEnum, { name: 'SourceKind' });
registerEnumType(GradeEnum, {
  name: 'Grade',
  description: 'NATO Admiralty source reliability: A (completely reliable) to F (cannot be judged)',
});
registerEnumType(DeliveryEnum, { name: 'Delivery' });
registerEnumType(AllegedUserKindEnum, { name: 'AllegedUserKind' });
registerEnumType(StanceEnum, { name: 'Stance' });
registerEnumType(EvidenceKindEnum, { name: 'EvidenceKind' });
registerEnumType(InvestigatorKindEnum, { name: 'InvestigatorKind' });
registerEnumType(OutcomeEnum, { name: 'InvestigationOutcome' });
registerEnumType(StatementKindEnum, { name: 'StatementKind' });
registerEnumType(VenueEnum, { name: 'Venue' });
registerEnumType(StatusEnum, { name: 'Status' });
registerEnumType(ReadinessEnum, { name: 'Readiness', description: 'Speak-out readiness (Dubrovnik Action Plan)' });
registerEnumType(ClockEnum, {
  name: 'Clock',
  description:
    'RECORDED: what the registry showed at a time; KNOWN: what was publicly known at a date (evidence dates)',
});

export const VoteEnum = enumOf(VOTES);
export const ResolutionKindEnum = enumOf(RESOLUTION_KINDS);
registerEnumType(VoteEnum, { name: 'Vote' });
registerEnumType(ResolutionKindEnum, { name: 'ResolutionKind', description: 'What a resolution says about use' });
