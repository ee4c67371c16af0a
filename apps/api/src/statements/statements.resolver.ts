import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { notFound } from '@app/domain';
import { statementAt } from '@app/read-store';
import { StatementStreams } from './statement-streams';
import { AnswersAfterWrites } from '../read-store/answers-after-writes';
import { LiveReads } from '../read-store/live-reads.service';
import { ReferenceData } from '../reference/reference-data';
import { type RequestMeta, Meta } from '../shared/request-meta';
import { CorrectStatementCommand, RecordStatementCommand } from './commands/statement.handlers';
import { CorrectStatementInput, RecordStatementInput } from './dto/statement.inputs';
import { StatementObject } from './objects/statement.object';
import { toListedStatementObject } from './listed-statement';

@Resolver(() => StatementObject)
export class StatementsResolver {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly streams: StatementStreams,
    private readonly reference: ReferenceData,
    private readonly live: LiveReads,
    private readonly answers: AnswersAfterWrites,
  ) {}

  @Query(() => StatementObject)
  statement(@Args('id', { type: () => ID }) id: string): StatementObject {
    // Its words are read from the store when selected.
    const filed = this.live.statement(id);
    if (filed.statement === null) throw notFound(`No statement with id ${id}`, 'id');
    return toListedStatementObject(filed.statement, this.reference, () => this.streams.events(id));
  }

  @Mutation(() => StatementObject, {
    description: 'Record what one State, or several jointly, said about incidents or a conflict',
  })
  async recordStatement(
    @Args('input') input: RecordStatementInput,
    @Meta() meta: RequestMeta,
  ): Promise<StatementObject> {
    const id: string = await this.commandBus.execute(new RecordStatementCommand(input, meta));
    return this.answer(id, meta);
  }

  @Mutation(() => StatementObject, { description: 'Correct a recorded statement; the history of corrections is kept' })
  async correctStatement(
    @Args('input') input: CorrectStatementInput,
    @Meta() meta: RequestMeta,
  ): Promise<StatementObject> {
    const id: string = await this.commandBus.execute(new CorrectStatementCommand(input, meta));
    return this.answer(id, meta);
  }

  /** From the projection file once it shows the write; else from the written streams folded in memory. */
  private answer(id: string, meta: RequestMeta): Promise<StatementObject> {
    return this.answers.read(meta.writes, (file) => {
      const read = statementAt(file.db, 'LIVE', id);
      if (!read) throw notFound(`No statement with id ${id}`, 'id');
      // Its words are read from the store when selected (as `statement(id)` reads them).
      return toListedStatementObject(read, this.reference, () => this.streams.events(id));
    });
  }
}
