import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { notFound } from '@app/domain';
import type { RegistryModel, SituationView } from '@app/projections';
import { ReadModelService } from '../read-model/read-model.service';
import { type RequestMeta, Meta } from '../shared/request-meta';
import { toCorrectionObject } from '../incidents/objects/correction.object';
import { CorrectSituationCommand, RegisterSituationCommand } from './commands/situation.handlers';
import { CorrectSituationInput, RegisterSituationInput } from './dto/situation.inputs';
import { SituationObject } from './objects/situation.object';

export function toSituationObject(view: SituationView, model: RegistryModel): SituationObject {
  const incidentIds: string[] = [];
  for (const incident of model.incidents.values()) {
    const inIt = !incident.mergedInto && incident.details.situationId === view.situationId;
    if (inIt) incidentIds.push(incident.incidentId);
  }
  return {
    id: view.situationId,
    revision: view.revision,
    name: view.name,
    countryCodes: view.countryCodes,
    allegedUsers: view.allegedUsers,
    period: view.period,
    note: view.note,
    incidentIds: incidentIds.sort(),
    corrections: view.corrections.map(toCorrectionObject),
    recordedAt: view.recordedAt,
  };
}

@Resolver(() => SituationObject)
export class SituationsResolver {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly readModel: ReadModelService,
  ) {}

  @Query(() => SituationObject)
  situation(@Args('id', { type: () => ID }) id: string): SituationObject {
    return this.load(id);
  }

  @Query(() => [SituationObject], { description: 'Every situation, by name' })
  situations(): SituationObject[] {
    const model = this.readModel.model;
    return [...model.situations.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((s) => toSituationObject(s, model));
  }

  @Mutation(() => SituationObject, {
    description: 'Register a conflict or theatre of use: countries, alleged users, period',
  })
  async registerSituation(
    @Args('input') input: RegisterSituationInput,
    @Meta() meta: RequestMeta,
  ): Promise<SituationObject> {
    return this.load(await this.commandBus.execute(new RegisterSituationCommand(input, meta)));
  }

  @Mutation(() => SituationObject, { description: 'Correct a situation; the history of corrections is kept' })
  async correctSituation(
    @Args('input') input: CorrectSituationInput,
    @Meta() meta: RequestMeta,
  ): Promise<SituationObject> {
    return this.load(await this.commandBus.execute(new CorrectSituationCommand(input, meta)));
  }

  private load(id: string): SituationObject {
    const model = this.readModel.model;
    const view = model.situations.get(id);
    if (!view) throw notFound(`No situation with id ${id}`, 'id');
    return toSituationObject(view, model);
  }
}
