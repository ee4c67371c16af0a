import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { notFound } from '@app/domain';
import type { RegistryModel } from '@app/projections';
import { ReadModelService } from '../read-model/read-model.service';
import { LiveReads } from '../read-store/live-reads.service';
import { ReferenceData } from '../reference/reference-data';
import { type RequestMeta, Meta } from '../shared/request-meta';
import { CorrectStatementCommand, RecordStatementCommand } from './commands/statement.handlers';
import { CorrectStatementInput, RecordStatementInput } from './dto/statement.inputs';
import { StatementObject } from './objects/statement.object';
import { toListedStatementObject } from './listed-statement';
import { toStatementObject } from './statement.mapper';

@Resolver(() => StatementObject)
export class StatementsResolver {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly readModel: ReadModelService,
    private readonly reference: ReferenceData,
    private readonly live: LiveReads,
  ) {}

  @Query(() => StatementObject)
  statement(@Args('id', { type: () => ID }) id: string): StatementObject {
    // The projection file when it shows what the model shows; its words are read from the store when selected.
    const filed = this.live.statement(id);
    if (filed === null) return this.load(id);
    if (filed.statement === null) throw notFound(`No statement with id ${id}`, 'id');
    return toListedStatementObject(filed.statement, this.reference, () => this.readModel.statementEvents(id));
  }

  @Mutation(() => StatementObject, {
    description: 'Record what one State, or several jointly, said about incidents or a conflict',
  })
  async recordStatement(
    @Args('input') input: RecordStatementInput,
    @Meta() meta: RequestMeta,
  ): Promise<StatementObject> {
    const id: string = await this.commandBus.execute(new RecordStatementCommand(input, meta));
    return this.load(id, await this.readModel.modelAfterWrites(meta.writes));
  }

  @Mutation(() => StatementObject, { description: 'Correct a recorded statement; the history of corrections is kept' })
  async correctStatement(
    @Args('input') input: CorrectStatementInput,
    @Meta() meta: RequestMeta,
  ): Promise<StatementObject> {
    const id: string = await this.commandBus.execute(new CorrectStatementCommand(input, meta));
    return this.load(id, await this.readModel.modelAfterWrites(meta.writes));
  }

  /** From the live model, or after a mutation from the model that shows its write (modelAfterWrites). */
  private load(id: string, model: RegistryModel = this.readModel.model): StatementObject {
    const view = model.statements.get(id);
    if (!view) throw notFound(`No statement with id ${id}`, 'id');
    return toStatementObject(view, model, this.reference);
  }
}
