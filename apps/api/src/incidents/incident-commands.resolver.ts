import { Args, Info, Mutation, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CommandBus } from '@nestjs/cqrs';
import { type RequestMeta, Meta } from '../shared/request-meta';
import { AddCorroborationCommand, RetractCorroborationCommand } from './commands/corroboration.handlers';
import {
  CorrectIncidentCommand,
  MergeIncidentsCommand,
  WithdrawIncidentCommand,
} from './commands/incident-lifecycle.handlers';
import { CorrectIncidentInput } from './dto/correct-incident.input';
import { AddCorroborationInput, RetractCorroborationInput } from './dto/corroboration.inputs';
import { MergeIncidentsInput, WithdrawIncidentInput } from './dto/incident-lifecycle.inputs';
import { IncidentAnswers } from './incident-answer';
import { IncidentObject } from './objects/incident.object';

/** The mutations after the allegation: each returns the (canonical) incident with its new assessment. */
@Resolver(() => IncidentObject)
export class IncidentCommandsResolver {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly incidents: IncidentAnswers,
  ) {}

  @Mutation(() => IncidentObject, { description: "Correct an incident's details; the history of corrections is kept" })
  async correctIncident(
    @Args('input') input: CorrectIncidentInput,
    @Meta() meta: RequestMeta,
    @Info() info: GraphQLResolveInfo,
  ): Promise<IncidentObject> {
    const id: string = await this.commandBus.execute(new CorrectIncidentCommand(input, meta));
    return this.incidents.answer(id, meta, info);
  }

  @Mutation(() => IncidentObject, {
    description: 'Fold a duplicate report into the canonical incident; returns the canonical incident',
  })
  async mergeIncidents(
    @Args('input') input: MergeIncidentsInput,
    @Meta() meta: RequestMeta,
    @Info() info: GraphQLResolveInfo,
  ): Promise<IncidentObject> {
    const id: string = await this.commandBus.execute(new MergeIncidentsCommand(input, meta));
    return this.incidents.answer(id, meta, info);
  }

  @Mutation(() => IncidentObject, {
    description: 'Withdraw an incident no longer considered a use, or logged in error',
  })
  async withdrawIncident(
    @Args('input') input: WithdrawIncidentInput,
    @Meta() meta: RequestMeta,
    @Info() info: GraphQLResolveInfo,
  ): Promise<IncidentObject> {
    const id: string = await this.commandBus.execute(new WithdrawIncidentCommand(input, meta));
    return this.incidents.answer(id, meta, info);
  }

  @Mutation(() => IncidentObject, {
    description: "Add one source's evidence about an incident (supporting or disputing)",
  })
  async addCorroboration(
    @Args('input') input: AddCorroborationInput,
    @Meta() meta: RequestMeta,
    @Info() info: GraphQLResolveInfo,
  ): Promise<IncidentObject> {
    const id: string = await this.commandBus.execute(new AddCorroborationCommand(input, meta));
    return this.incidents.answer(id, meta, info);
  }

  @Mutation(() => IncidentObject, { description: 'Record that a source retracted its evidence' })
  async retractCorroboration(
    @Args('input') input: RetractCorroborationInput,
    @Meta() meta: RequestMeta,
    @Info() info: GraphQLResolveInfo,
  ): Promise<IncidentObject> {
    const id: string = await this.commandBus.execute(new RetractCorroborationCommand(input, meta));
    return this.incidents.answer(id, meta, info);
  }
}
