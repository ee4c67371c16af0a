import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { notFound } from '@app/domain';
import type { Clock, SourceView } from '@app/projections';
import { timeTravel } from '../queries/model-context';
import { AS_OF, CLOCK } from '../queries/time-travel.args';
import { ReadModelService } from '../read-model/read-model.service';
import { type RequestMeta, Meta } from '../shared/request-meta';
import { RegisterSourceCommand, RegradeSourceCommand } from './commands/source.handlers';
import { RegisterSourceInput, RegradeSourceInput } from './dto/source.inputs';
import { SourceObject } from './objects/source.object';

const toSourceObject = (s: SourceView): SourceObject => ({ ...s, id: s.sourceId });

@Resolver(() => SourceObject)
export class SourcesResolver {
  constructor(private readonly commandBus: CommandBus, private readonly readModel: ReadModelService) {}

  @Query(() => SourceObject)
  source(@Args('id', { type: () => ID }) id: string): SourceObject {
    return this.load(id);
  }

  @Query(() => [SourceObject], { description: 'Every registered source, by name (as graded then, with asOf)' })
  async sources(
    @Args('asOf', AS_OF) asOf?: Date,
    @Args('clock', CLOCK) clock?: Clock,
  ): Promise<SourceObject[]> {
    const cut = timeTravel(asOf, clock);
    const model = await this.readModel.modelAt(cut.asOf, cut.clock);
    return [...model.sources.values()].sort((a, b) => a.name.localeCompare(b.name)).map(toSourceObject);
  }

  @Mutation(() => SourceObject, { description: 'Register an organisation or outlet that reports evidence' })
  async registerSource(@Args('input') input: RegisterSourceInput, @Meta() meta: RequestMeta): Promise<SourceObject> {
    return this.load(await this.commandBus.execute(new RegisterSourceCommand(input, meta)));
  }

  @Mutation(() => SourceObject, { description: "Change a source's reliability grade, with the reason" })
  async regradeSource(@Args('input') input: RegradeSourceInput, @Meta() meta: RequestMeta): Promise<SourceObject> {
    return this.load(await this.commandBus.execute(new RegradeSourceCommand(input, meta)));
  }

  private load(id: string): SourceObject {
    const source = this.readModel.model.sources.get(id);
    if (!source) throw notFound(`No source with id ${id}`, 'id');
    return toSourceObject(source);
  }
}
