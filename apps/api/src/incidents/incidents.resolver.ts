import { Args, Info, Mutation, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CommandBus } from '@nestjs/cqrs';
import { corroborationFieldsOf } from '../queries/selected-fields';
import { ReadModelService } from '../read-model/read-model.service';
import { AnswersAfterWrites } from '../read-store/answers-after-writes';
import { ReferenceData } from '../reference/reference-data';
import { type RequestMeta, Meta } from '../shared/request-meta';
import { AllegeUseCommand } from './commands/allege-use.handler';
import { AllegeUseInput } from './dto/allege-use.input';
import { incidentAnswer } from './incident-answer';
import { IncidentObject } from './objects/incident.object';

@Resolver(() => IncidentObject)
export class IncidentsResolver {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly readModel: ReadModelService,
    private readonly reference: ReferenceData,
    private readonly answers: AnswersAfterWrites,
  ) {}

  @Mutation(() => IncidentObject, { description: 'Log an allegation of use with its first source' })
  async allegeUse(
    @Args('input') input: AllegeUseInput,
    @Meta() meta: RequestMeta,
    @Info() info: GraphQLResolveInfo,
  ): Promise<IncidentObject> {
    const id: string = await this.commandBus.execute(new AllegeUseCommand(input, meta));
    return this.answer(id, meta, info);
  }

  /** From the projection file once it shows the write; else from the written streams folded in memory. */
  private answer(id: string, meta: RequestMeta, info: GraphQLResolveInfo): Promise<IncidentObject> {
    return this.answers.read(meta.writes, (file, lasting) =>
      incidentAnswer(file, lasting, id, corroborationFieldsOf(info), {
        reference: this.reference,
        model: this.readModel.model,
        statementEvents: (statementId) => this.readModel.statementEvents(statementId),
      }),
    );
  }
}
