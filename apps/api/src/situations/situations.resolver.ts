import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { notFound } from '@app/domain';
import type { RegistryModel, SituationView } from '@app/projections';
import { liveSituations, type SituationNow } from '@app/read-store';
import { AnswersAfterWrites } from '../read-store/answers-after-writes';
import { LiveReads } from '../read-store/live-reads.service';
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

/** A situation read from the projection file now. */
const fromFile = (s: SituationNow): SituationObject => ({
  id: s.situationId,
  revision: s.revision,
  name: s.name,
  countryCodes: s.countryCodes,
  allegedUsers: s.allegedUsers,
  period: s.period,
  note: s.note,
  incidentIds: s.incidentIds,
  corrections: s.corrections.map((c) => ({
    fields: Object.keys(c.changes),
    reason: c.reason,
    correctedOn: c.correctedOn,
  })),
  recordedAt: s.recordedAt,
});

@Resolver(() => SituationObject)
export class SituationsResolver {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly readModel: ReadModelService,
    private readonly live: LiveReads,
    private readonly answers: AnswersAfterWrites,
  ) {}

  @Query(() => SituationObject)
  situation(@Args('id', { type: () => ID }) id: string): SituationObject {
    const filed = this.live.situations();
    if (filed === null) return this.load(id);
    const found = filed.find((s) => s.situationId === id);
    if (!found) throw notFound(`No situation with id ${id}`, 'id');
    return fromFile(found);
  }

  @Query(() => [SituationObject], { description: 'Every situation, by name' })
  situations(): SituationObject[] {
    // The projection file when it shows what the model shows (the model right after a write: read-your-writes).
    const filed = this.live.situations();
    if (filed) return [...filed].sort((a, b) => a.name.localeCompare(b.name)).map(fromFile);
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
    return this.answer(await this.commandBus.execute(new RegisterSituationCommand(input, meta)), meta);
  }

  @Mutation(() => SituationObject, { description: 'Correct a situation; the history of corrections is kept' })
  async correctSituation(
    @Args('input') input: CorrectSituationInput,
    @Meta() meta: RequestMeta,
  ): Promise<SituationObject> {
    return this.answer(await this.commandBus.execute(new CorrectSituationCommand(input, meta)), meta);
  }

  /** From the projection file once it shows the write; else from the written streams folded in memory. */
  private answer(id: string, meta: RequestMeta): Promise<SituationObject> {
    return this.answers.read(meta.writes, (file) => {
      const found = liveSituations(file.db).find((s) => s.situationId === id);
      if (!found) throw notFound(`No situation with id ${id}`, 'id');
      return fromFile(found);
    });
  }

  private load(id: string): SituationObject {
    const model = this.readModel.model;
    const view = model.situations.get(id);
    if (!view) throw notFound(`No situation with id ${id}`, 'id');
    return toSituationObject(view, model);
  }
}
