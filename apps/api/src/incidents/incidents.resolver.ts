import { Args, Info, Mutation, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CommandBus } from '@nestjs/cqrs';
import { type RequestMeta, Meta } from '../shared/request-meta';
import { AllegeUseCommand } from './commands/allege-use.handler';
import { AllegeUseInput } from './dto/allege-use.input';
import { IncidentAnswers } from './incident-answer';
import { IncidentObject } from './objects/incident.object';

@Resolver(() => IncidentObject)
export class IncidentsResolver {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly incidents: IncidentAnswers,
  ) {}

  @Mutation(() => IncidentObject, { description: 'Log an allegation of use with its first source' })
  async allegeUse(
    @Args('input') input: AllegeUseInput,
    @Meta() meta: RequestMeta,
    @Info() info: GraphQLResolveInfo,
  ): Promise<IncidentObject> {
    const id: string = await this.commandBus.execute(new AllegeUseCommand(input, meta));
    return this.incidents.answer(id, meta, info);
  }
}
