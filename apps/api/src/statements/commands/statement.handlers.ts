import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CorrectStatement, RecordStatement, StatementDetails } from '@app/domain';
import { CommandExecutor } from '../../shared/command-executor';
import { commandMeta, newId } from '../../shared/command-meta';
import type { RequestMeta } from '../../shared/request-meta';
import { ReferenceChecks } from '../../shared/reference-checks';
import { withoutNulls } from '../../incidents/without-nulls';
import type { CorrectStatementInput, RecordStatementInput } from '../dto/statement.inputs';
import { EvidenceCitations } from '../../evidence/evidence-citations';
import { checkedScope } from './resolution.handlers';

export class RecordStatementCommand extends Command<string> {
  constructor(
    readonly input: RecordStatementInput,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

export class CorrectStatementCommand extends Command<string> {
  constructor(
    readonly input: CorrectStatementInput,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/** Records what one or more States said; returns the statement's id. */
@CommandHandler(RecordStatementCommand)
export class RecordStatementHandler implements ICommandHandler<RecordStatementCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly checks: ReferenceChecks,
    private readonly evidence: EvidenceCitations,
  ) {}

  async execute({ input, meta }: RecordStatementCommand): Promise<string> {
    this.checks.states(input.speakers, 'speakers');
    const incidentIds = this.checks.incidents(input.incidentIds, 'incidentIds');
    const { speakers, onBehalfOf, kind, venue, deliveredOn, namesUser, quote, citation } = withoutNulls({ ...input });
    const cited = await this.evidence.citation(citation, 'citation');
    const scope = checkedScope(this.checks, input.scope ?? undefined, 'scope');
    const statementId = newId(input, 'statement');
    const command: RecordStatement = {
      type: 'RecordStatement',
      data: {
        statementId,
        speakers,
        ...(onBehalfOf !== undefined && { onBehalfOf }),
        kind,
        venue,
        deliveredOn,
        incidentIds,
        namesUser,
        quote,
        citation: cited,
        ...(scope !== undefined && { scope }),
      },
    };
    await this.executor.execute(command, commandMeta(command.type, input, meta));
    return statementId;
  }
}

@CommandHandler(CorrectStatementCommand)
export class CorrectStatementHandler implements ICommandHandler<CorrectStatementCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly checks: ReferenceChecks,
    private readonly evidence: EvidenceCitations,
  ) {}

  async execute({ input, meta }: CorrectStatementCommand): Promise<string> {
    const { statementId, reason, correctedOn } = input;
    this.checks.statement(statementId, 'statementId');
    const changes = withoutNulls({ ...input.changes }) as Partial<StatementDetails>;
    if (changes.speakers) this.checks.states(changes.speakers, 'changes.speakers');
    if (changes.incidentIds) changes.incidentIds = this.checks.incidents(changes.incidentIds, 'changes.incidentIds');
    if (input.changes.citation) {
      changes.citation = await this.evidence.citation(input.changes.citation, 'changes.citation');
    }
    if (changes.scope) changes.scope = checkedScope(this.checks, changes.scope, 'changes.scope');
    const command: CorrectStatement = { type: 'CorrectStatement', data: { statementId, changes, reason, correctedOn } };
    await this.executor.execute(command, commandMeta(command.type, input, meta));
    return statementId;
  }
}
