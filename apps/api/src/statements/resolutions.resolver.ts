import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { notFound } from '@app/domain';
import { type RegistryModel, type ResolutionView, resolveIncidentId } from '@app/projections';
import { ReadModelService } from '../read-model/read-model.service';
import { type RequestMeta, Meta } from '../shared/request-meta';
import { RecordResolutionVoteCommand } from './commands/resolution.handlers';
import { RecordResolutionVoteInput } from './dto/resolution.inputs';
import { ResolutionObject } from './objects/resolution.object';
import { toScopeObject } from './objects/scope.object';

export const toResolutionObject = (r: ResolutionView, model: RegistryModel): ResolutionObject => ({
  id: r.resolutionId,
  revision: r.revision,
  symbol: r.symbol,
  title: r.title,
  venue: r.venue,
  adoptedOn: r.adoptedOn,
  kind: r.kind,
  scope: toScopeObject([...new Set(r.incidentIds.map((id) => resolveIncidentId(model, id)))], r.scope),
  votes: r.votes,
  citation: r.citation,
  recordedAt: r.recordedAt,
});

@Resolver(() => ResolutionObject)
export class ResolutionsResolver {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly readModel: ReadModelService,
  ) {}

  @Query(() => ResolutionObject)
  resolution(@Args('id', { type: () => ID }) id: string): ResolutionObject {
    return this.load(id);
  }

  @Query(() => [ResolutionObject], { description: 'Every recorded resolution, by adoption date' })
  resolutions(): ResolutionObject[] {
    const model = this.readModel.model;
    return [...model.resolutions.values()]
      .sort((a, b) => (a.adoptedOn < b.adoptedOn ? -1 : a.adoptedOn > b.adoptedOn ? 1 : 0))
      .map((r) => toResolutionObject(r, model));
  }

  @Mutation(() => ResolutionObject, {
    description: "Record a resolution on use with each State's vote (a YES counts as a statement)",
  })
  async recordResolutionVote(
    @Args('input') input: RecordResolutionVoteInput,
    @Meta() meta: RequestMeta,
  ): Promise<ResolutionObject> {
    return this.load(await this.commandBus.execute(new RecordResolutionVoteCommand(input, meta)));
  }

  private load(id: string): ResolutionObject {
    const model = this.readModel.model;
    const view = model.resolutions.get(id);
    if (!view) throw notFound(`No resolution with id ${id}`, 'id');
    return toResolutionObject(view, model);
  }
}
