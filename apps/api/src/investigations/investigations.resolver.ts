import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { notFound } from '@app/domain';
import { liveInvestigation } from '@app/read-store';
import { AnswersAfterWrites } from '../read-store/answers-after-writes';
import { LiveReads } from '../read-store/live-reads.service';
import { ReferenceData } from '../reference/reference-data';
import { type RequestMeta, Meta } from '../shared/request-meta';
import { ConcludeInvestigationCommand, OpenInvestigationCommand } from './commands/investigation.handlers';
import { ConcludeInvestigationInput, OpenInvestigationInput } from './dto/investigation.inputs';
import { toLiveInvestigationObject } from './investigation.mapper';
import { InvestigationObject } from './objects/investigation.object';

@Resolver(() => InvestigationObject)
export class InvestigationsResolver {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly reference: ReferenceData,
    private readonly live: LiveReads,
    private readonly answers: AnswersAfterWrites,
  ) {}

  @Query(() => InvestigationObject)
  investigation(@Args('id', { type: () => ID }) id: string): InvestigationObject {
    const filed = this.live.investigation(id);
    if (filed.investigation === null) throw notFound(`No investigation with id ${id}`, 'id');
    return toLiveInvestigationObject(filed.investigation, this.reference);
  }

  @Mutation(() => InvestigationObject, {
    description: 'Log an investigation opened by a State, the UN, an NGO or a court',
  })
  async openInvestigation(
    @Args('input') input: OpenInvestigationInput,
    @Meta() meta: RequestMeta,
  ): Promise<InvestigationObject> {
    const id: string = await this.commandBus.execute(new OpenInvestigationCommand(input, meta));
    return this.answer(id, meta);
  }

  @Mutation(() => InvestigationObject, { description: "Log an investigation's outcome and findings" })
  async concludeInvestigation(
    @Args('input') input: ConcludeInvestigationInput,
    @Meta() meta: RequestMeta,
  ): Promise<InvestigationObject> {
    const id: string = await this.commandBus.execute(new ConcludeInvestigationCommand(input, meta));
    return this.answer(id, meta);
  }

  /** From the projection file once it shows the write; else from the written streams folded in memory. */
  private answer(id: string, meta: RequestMeta): Promise<InvestigationObject> {
    return this.answers.read(meta.writes, (file) => {
      const read = liveInvestigation(file.db, id);
      if (!read) throw notFound(`No investigation with id ${id}`, 'id');
      return toLiveInvestigationObject(read, this.reference);
    });
  }
}
