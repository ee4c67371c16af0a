import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../shared/command-executor';
import { commandMeta, newId } from '../../shared/command-meta';
import type { RequestMeta } from '../../shared/request-meta';
import type { RegisterSourceInput, RegradeSourceInput } from '../dto/source.inputs';

export class RegisterSourceCommand extends Command<string> {
  constructor(readonly input: RegisterSourceInput, readonly meta: RequestMeta) { super(); }
}

export class RegradeSourceCommand extends Command<string> {
  constructor(readonly input: RegradeSourceInput, readonly meta: RequestMeta) { super(); }
}

@CommandHandler(RegisterSourceCommand)
export class RegisterSourceHandler implements ICommandHandler<RegisterSourceCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, meta }: RegisterSourceCommand): Promise<string> {
    const sourceId = newId(input, 'source');
    const { name, kind, grade, homepage } = input;
    await this.executor.execute(
      { type: 'RegisterSource', data: { sourceId, name, kind, grade, ...(homepage !== undefined && { homepage }) } },
      commandMeta('RegisterSource', input, meta),
    );
    return sourceId;
  }
}

@CommandHandler(RegradeSourceCommand)
export class RegradeSourceHandler implements ICommandHandler<RegradeSourceCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, meta }: RegradeSourceCommand): Promise<string> {
    const { sourceId, newGrade, reason, regradedOn } = input;
    await this.executor.execute(
      { type: 'RegradeSource', data: { sourceId, newGrade, reason, regradedOn } },
      commandMeta('RegradeSource', input, meta),
    );
    return sourceId;
  }
}
