import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Citation, ResolutionKind, Venue, Vote } from '@app/domain';
import { ResolutionKindEnum, VenueEnum, VoteEnum } from '../../graphql/enums';
import { CitationObject } from '../../incidents/objects/incident.object';
import { StatementScopeObject } from './scope.object';

@ObjectType('ResolutionVote')
export class ResolutionVoteObject {
  @Field() stateCode: string;
  @Field(() => VoteEnum) vote: Vote;
}

@ObjectType('Resolution', {
  description: "A resolution with each State's vote: a YES counts as that State's statement",
})
export class ResolutionObject {
  @Field(() => ID) id: string;
  @Field(() => Int) revision: number;
  @Field() symbol: string;
  @Field() title: string;
  @Field(() => VenueEnum) venue: Venue;
  @Field() adoptedOn: string;
  @Field(() => ResolutionKindEnum) kind: ResolutionKind;
  @Field(() => StatementScopeObject) scope: StatementScopeObject;
  @Field(() => [ResolutionVoteObject]) votes: ResolutionVoteObject[];
  @Field(() => CitationObject, { nullable: true }) citation?: Citation;
  @Field() recordedAt: Date;
}
