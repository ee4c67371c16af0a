import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { notFound } from '@app/domain';
import { liveSituations, type SituationNow } from '@app/read-store';
import { AnswersAfterWrites } from '../read-store/answers-after-writes';
import { LiveReads } from '../read-store/live-reads.service';
import { type RequestMeta, Meta } from '../shared/request-meta';
import { CorrectSituationCommand, RegisterSituationCommand } from './commands/situation.handlers';
import { CorrectSituationInput, RegisterSituationInput } from './dto/situation.inputs';
import { SituationObject } from './objects/situation.object';

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
    private readonly live: LiveReads,
    private readonly answers: AnswersAfterWrites,
  ) {}

  @Query(() => SituationObject)
  situation(@Args('id', { type: () => ID }) id: string): SituationObject {
    const found = this.live.situations().find((s) => s.situationId === id);
    if (!found) throw notFound(`No situation with id ${id}`, 'id');
    return fromFile(found);
  }

  @Query(() => [SituationObject], { description: 'Every situation, by name' })
  situations(): SituationObject[] {
    return [...this.live.situations()].sort((a, b) => a.name.localeCompare(b.name)).map(fromFile);
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
}
