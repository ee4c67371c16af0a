import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { CcmStatus, StatementKind, Vote } from '@app/domain';
import { RESPONSE_KINDS, type ResponseKind, SCOPE_LEVELS, type ScopeLevel } from '@app/projections';
import { StatementKindEnum, VoteEnum } from '../../graphql/enums';
import { CcmStatusEnum } from './statement-read.objects';

export const ResponseKindEnum = Object.fromEntries(RESPONSE_KINDS.map((k) => [k, k])) as { [K in ResponseKind]: K };
registerEnumType(ResponseKindEnum, {
  name: 'ResponseKind',
  description: 'What counts as speaking out, strongest first',
});
export const ScopeLevelEnum = Object.fromEntries(SCOPE_LEVELS.map((k) => [k, k])) as { [K in ScopeLevel]: K };
registerEnumType(ScopeLevelEnum, {
  name: 'ScopeLevel',
  description:
    'How specifically a statement reached the subject, most specific first: INCIDENT, SITUATION, USER, GENERIC',
});

@ObjectType('VoteCast')
export class VoteCastObject {
  @Field() resolutionId: string;
  @Field() symbol: string;
  @Field(() => VoteEnum) vote: Vote;
  @Field() adoptedOn: string;
}

@ObjectType('ResponseLine', { description: "One State's line in the speak-out report (flat: one CSV row)" })
export class ResponseLineObject {
  @Field() stateCode: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => CcmStatusEnum, { description: 'On the report date' }) ccmStatus: CcmStatus;
  @Field(() => ResponseKindEnum, { nullable: true, description: 'Its strongest response; null: silent' })
  kind: ResponseKind | null;
  @Field(() => ScopeLevelEnum, { nullable: true, description: 'The scope that response came in' })
  scope: ScopeLevel | null;
  @Field(() => String, { nullable: true, description: 'The date of that response' }) on: string | null;
  @Field(() => String, { nullable: true }) statementId: string | null;
  @Field(() => String, { nullable: true, description: 'Set when that response is a YES vote for a resolution' })
  resolutionId: string | null;
  @Field(() => String, { nullable: true, description: 'Its first condemnation covering the subject, at any scope' })
  firstCondemnationOn: string | null;
  @Field(() => Int, {
    nullable: true,
    description:
      'Days from the first confirmation of a covered incident to its first condemnation covering it; ' +
      'negative: anticipatory',
  })
  lagDays: number | null;
  @Field({ description: 'It condemned before a covered incident was confirmed' }) anticipatory: boolean;
  @Field(() => String, { nullable: true, description: 'Its first generic condemnation ("any use by any actor")' })
  genericCondemnationOn: string | null;
  @Field(() => [String], {
    description: 'Its statements about the subject (any kind), oldest first',
  })
  statementIds: string[];
  @Field(() => [StatementKindEnum]) kinds: StatementKind[];
  @Field(() => [VoteCastObject], {
    description: 'Its votes on resolutions about the subject (only YES counts)',
  })
  votes: VoteCastObject[];
}

@ObjectType('CondemnationLag')
export class CondemnationLagObject {
  @Field() stateCode: string;
  @Field() incidentId: string;
  @Field({ description: 'The first date the incident was CONFIRMED (evidence clock)' }) firstConfirmedOn: string;
  @Field() condemnedOn: string;
  @Field(() => Int, { description: 'Days from firstConfirmedOn to condemnedOn; negative: anticipatory' }) days: number;
  @Field() anticipatory: boolean;
}

@ObjectType('FirstConfirmation')
export class FirstConfirmationObject {
  @Field() incidentId: string;
  @Field() firstConfirmedOn: string;
}

@ObjectType('SpeakOutReport', {
  description: 'Who spoke out on a situation, an alleged user or incidents, as of a date',
})
export class SpeakOutReportObject {
  @Field({ description: 'The date the report speaks for (memberships, statuses and statements as of it)' })
  asOf: string;
  @Field(() => [String]) incidentIds: string[];
  @Field(() => [String], { description: 'Incidents CONFIRMED on the report date' }) confirmedIncidentIds: string[];
  @Field(() => [FirstConfirmationObject], {
    description: 'Incidents ever CONFIRMED by the report date, with the first date',
  })
  firstConfirmations: FirstConfirmationObject[];
  @Field(() => Int, { description: 'States Parties on the report date' }) statesPartiesCount: number;
  @Field(() => [ResponseLineObject], { description: 'Every State Party on the report date, silent ones included' })
  statesParties: ResponseLineObject[];
  @Field(() => [ResponseLineObject], { description: 'States Parties whose strongest response is a condemnation' })
  condemned: ResponseLineObject[];
  @Field(() => [ResponseLineObject], {
    description: 'States Parties whose strongest response is concern or a call for investigation',
  })
  expressedConcern: ResponseLineObject[];
  @Field(() => [ResponseLineObject], {
    description: 'States Parties with no response at any scope',
  })
  silent: ResponseLineObject[];
  @Field(() => [CondemnationLagObject]) lags: CondemnationLagObject[];
  @Field(() => Float, { nullable: true, description: "Over the States Parties' lagDays" })
  medianLagDays: number | null;
  @Field(() => Int, { nullable: true }) minLagDays: number | null;
  @Field(() => Int, { nullable: true }) maxLagDays: number | null;
  @Field(() => [ResponseLineObject], { description: 'States not party on the report date that spoke' })
  nonPartiesThatSpoke: ResponseLineObject[];
}

export const SubjectKindEnum = { SITUATION: 'SITUATION', INCIDENT: 'INCIDENT' } as const;
registerEnumType(SubjectKindEnum, { name: 'SubjectKind' });

@ObjectType('ResponseMatrixCell', { description: 'One State Party against one subject: one CSV row' })
export class ResponseMatrixCellObject {
  @Field() stateCode: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => CcmStatusEnum) ccmStatus: CcmStatus;
  @Field(() => SubjectKindEnum) subjectKind: 'SITUATION' | 'INCIDENT';
  @Field() subjectId: string;
  @Field(() => ResponseKindEnum, { nullable: true }) kind: ResponseKind | null;
  @Field(() => ScopeLevelEnum, { nullable: true }) scope: ScopeLevel | null;
  @Field(() => String, { nullable: true }) on: string | null;
  @Field(() => String, { nullable: true }) statementId: string | null;
  @Field(() => String, { nullable: true }) resolutionId: string | null;
  @Field(() => String, { nullable: true }) firstCondemnationOn: string | null;
  @Field(() => Int, { nullable: true }) lagDays: number | null;
  @Field() anticipatory: boolean;
  @Field(() => String, { nullable: true }) genericCondemnationOn: string | null;
}

@ObjectType('ResponseMatrix', {
  description: 'States Parties x situations or incidents, as flat rows (State order, then subject order)',
})
export class ResponseMatrixObject {
  @Field() asOf: string;
  @Field(() => [ResponseMatrixCellObject]) rows: ResponseMatrixCellObject[];
}
