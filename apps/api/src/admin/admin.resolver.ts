import { Field, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../auth/roles';
import { ReadModelService } from '../read-model/read-model.service';
import { ReadStoreService } from '../read-store/read-store.service';

@ObjectType('ProjectionCounts', { description: 'What the registry projection holds' })
export class ProjectionCountsObject {
  @Field() projectionVersion: string;
  @Field(() => String, { nullable: true, description: 'Store position of the last event folded in' }) checkpoint:
    string | null;
  @Field(() => Int) eventsApplied: number;
  @Field(() => Int, { description: 'Events skipped as unknown or unreadable' }) skipped: number;
  @Field(() => [String], { description: 'Ids of the last skipped events' }) skippedEventIds: string[];
  @Field(() => Int) sources: number;
  @Field(() => Int, { description: 'Canonical incidents (merged duplicates not counted)' }) incidents: number;
  @Field(() => Int) corroborations: number;
  @Field(() => Int) investigations: number;
  @Field(() => Int) statements: number;
  @Field(() => Int, { nullable: true, description: 'Wall time of the rebuild' }) durationMs?: number;
}

/** Operations on the projection itself. */
@Resolver()
export class AdminResolver {
  constructor(
    private readonly readModel: ReadModelService,
    private readonly readStore: ReadStoreService,
  ) {}

  @Query(() => ProjectionCountsObject, { description: 'What the projection holds now' })
  projectionStatus(): ProjectionCountsObject {
    return this.counts();
  }

  @Roles('ADMIN')
  @Mutation(() => ProjectionCountsObject, {
    description:
      'Rebuild the read model, and the projection file into a new file swapped in whole, from the start of the ' +
      'store (e.g. after a policy change); queries are served meanwhile',
  })
  async rebuildProjections(): Promise<ProjectionCountsObject> {
    const started = Date.now();
    await Promise.all([this.readModel.rebuild(), this.readStore.rebuild()]);
    return { ...this.counts(), durationMs: Date.now() - started };
  }

  private counts(): ProjectionCountsObject {
    const m = this.readModel.model;
    const h = this.readModel.health();
    let incidents = 0;
    for (const i of m.incidents.values()) if (!i.mergedInto) incidents++;
    return {
      projectionVersion: h.projectionVersion,
      checkpoint: h.checkpoint,
      eventsApplied: h.eventsApplied,
      skipped: h.skipped,
      skippedEventIds: h.skippedEventIds,
      sources: m.sources.size,
      incidents,
      corroborations: m.corroborations.size,
      investigations: m.investigations.size,
      statements: m.statements.size,
    };
  }
}
