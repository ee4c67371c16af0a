import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { notFound } from '@app/domain';
import { incidentResolver, type ResolutionAtCut, resolutionsAt } from '@app/read-store';
import { AnswersAfterWrites } from '../read-store/answers-after-writes';
import { LiveReads } from '../read-store/live-reads.service';
import { type RequestMeta, Meta } from '../shared/request-meta';
import { RecordResolutionVoteCommand } from './commands/resolution.handlers';
import { RecordResolutionVoteInput } from './dto/resolution.inputs';
import { ResolutionObject } from './objects/resolution.object';
import { toScopeObject } from './objects/scope.object';

/** `resolve`: an incident id to the incident it was merged into, as of the cut the resolution was read at. */
export const toResolutionObject = (r: ResolutionAtCut, resolve: (id: string) => string): ResolutionObject => ({
  id: r.resolutionId,
  revision: r.revision,
  symbol: r.symbol,
  title: r.title,
  venue: r.venue,
  adoptedOn: r.adoptedOn,
  kind: r.kind,
  scope: toScopeObject([...new Set(r.incidentIds.map(resolve))], r.scope),
  votes: r.votes,
  citation: r.citation,
  recordedAt: r.recordedAt,
});

@Resolver(() => ResolutionObject)
export class ResolutionsResolver {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly live: LiveReads,
    private readonly answers: AnswersAfterWrites,
  ) {}

  @Query(() => ResolutionObject)
  resolution(@Args('id', { type: () => ID }) id: string): ResolutionObject {
    return this.load(id);
  }

  @Query(() => [ResolutionObject], { description: 'Every recorded resolution, by adoption date' })
  resolutions(): ResolutionObject[] {
    return this.read().sort((a, b) => (a.adoptedOn < b.adoptedOn ? -1 : a.adoptedOn > b.adoptedOn ? 1 : 0));
  }

  @Mutation(() => ResolutionObject, {
    description: "Record a resolution on use with each State's vote (a YES counts as a statement)",
  })
  async recordResolutionVote(
    @Args('input') input: RecordResolutionVoteInput,
    @Meta() meta: RequestMeta,
  ): Promise<ResolutionObject> {
    const id: string = await this.commandBus.execute(new RecordResolutionVoteCommand(input, meta));
    // From the projection file once it shows the write; else from the written streams folded in memory.
    return this.answers.read(meta.writes, (file) => {
      const [resolution] = resolutionsAt(file.db, 'LIVE', id);
      if (!resolution) throw notFound(`No resolution with id ${id}`, 'id');
      return toResolutionObject(resolution, incidentResolver(file.db, 'LIVE'));
    });
  }

  private load(id: string): ResolutionObject {
    const [resolution] = this.read(id);
    if (!resolution) throw notFound(`No resolution with id ${id}`, 'id');
    return resolution;
  }

  /** Every resolution now (or `id` alone), in recording order. */
  private read(id?: string): ResolutionObject[] {
    return this.live.fromFile((file) => {
      const resolve = incidentResolver(file.db, 'LIVE');
      return resolutionsAt(file.db, 'LIVE', id).map((r) => toResolutionObject(r, resolve));
    });
  }
}
