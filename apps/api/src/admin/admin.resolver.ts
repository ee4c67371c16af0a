import { Field, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../auth/roles';
import { ReadStoreService } from '../read-store/read-store.service';

@ObjectType('ProjectionCounts', { description: 'What the projection file holds' })
export class ProjectionCountsObject {
  @Field({ description: 'The read store layout and the policy it assesses under' }) projectionVersion: string;
  @Field(() => String, { nullable: true, description: 'Store position of the last event folded in' }) checkpoint:
    string | null;
  @Field(() => Int, { description: 'Events folded, skipped ones included' }) eventsApplied: number;
  @Field(() => Int, { description: 'Events skipped as unknown or unreadable' }) skipped: number;
  @Field(() => [String], { description: 'Ids of the last skipped events' }) skippedEventIds: string[];
  @Field(() => Int) sources: number;
  @Field(() => Int, { description: 'Canonical incidents (merged duplicates not counted)' }) incidents: number;
  @Field(() => Int) corroborations: number;
  @Field(() => Int) investigations: number;
  @Field(() => Int) statements: number;
  @Field(() => Int, { nullable: true, description: 'Wall time of the rebuild' }) durationMs?: number;
}

/** Operations on the projection file. */
@Resolver()
export class AdminResolver {
  constructor(private readonly readStore: ReadStoreService) {}

  @Query(() => ProjectionCountsObject, { description: 'What the projection holds now' })
  projectionStatus(): ProjectionCountsObject {
    return this.counts();
  }

  @Roles('ADMIN')
  @Mutation(() => ProjectionCountsObject, {
    description:
      'Rebuild the projection file from the start of the store into a new file swapped in whole (e.g. after a ' +
      'policy change); the open file answers meanwhile',
  })
  async rebuildProjections(): Promise<ProjectionCountsObject> {
    const started = Date.now();
    await this.readStore.rebuild();
    return { ...this.counts(), durationMs: Date.now() - started };
  }

  private counts(): ProjectionCountsObject {
    const file = this.readStore.serving;
    const { position, seq, skipped, version } = file.checkpoint();
    return {
      projectionVersion: version,
      checkpoint: position,
      eventsApplied: seq,
      skipped,
      skippedEventIds: file.skippedEventIds(),
      ...file.counts(),
    };
  }
}
