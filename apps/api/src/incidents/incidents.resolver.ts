import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { findIncident, type RegistryModel } from '@app/projections';
import { notFound } from '@app/domain';
import { ReadModelService } from '../read-model/read-model.service';
import { ReferenceData } from '../reference/reference-data';
import { type RequestMeta, Meta } from '../shared/request-meta';
import { AllegeUseCommand } from './commands/allege-use.handler';
import { AllegeUseInput } from './dto/allege-use.input';
import { toIncidentObject } from './incident.mapper';
import { IncidentObject } from './objects/incident.object';

@Resolver(() => IncidentObject)
export class IncidentsResolver {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly readModel: ReadModelService,
    private readonly reference: ReferenceData,
  ) {}

  @Mutation(() => IncidentObject, { description: 'Log an allegation of use with its first source' })
  async allegeUse(@Args('input') input: AllegeUseInput, @Meta() meta: RequestMeta): Promise<IncidentObject> {
    const id: string = await this.commandBus.execute(new AllegeUseCommand(input, meta));
    return this.load(id, await this.readModel.modelAfterWrites(meta.writes));
  }

  /** From the live model, or after a mutation from the model that shows its write (modelAfterWrites). */
  private load(id: string, model: RegistryModel = this.readModel.model): IncidentObject {
    const view = findIncident(model, id);
    if (!view) throw notFound(`No incident with id ${id}`, 'id');
    return toIncidentObject(view, model, this.reference);
  }
}
