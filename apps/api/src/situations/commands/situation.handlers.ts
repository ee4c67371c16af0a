import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CorrectSituation, RegisterSituation, SituationDetails } from '@app/domain';
import { CommandExecutor } from '../../shared/command-executor';
import { commandMeta, newId } from '../../shared/command-meta';
import type { RequestMeta } from '../../shared/request-meta';
import { ReferenceChecks } from '../../shared/reference-checks';
import { withoutNulls } from '../../incidents/without-nulls';
import type { CorrectSituationInput, RegisterSituationInput } from '../dto/situation.inputs';

export class RegisterSituationCommand extends Command<string> {
  constructor(
    readonly input: RegisterSituationInput,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

export class CorrectSituationCommand extends Command<string> {
  constructor(
    readonly input: CorrectSituationInput,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(RegisterSituationCommand)
export class RegisterSituationHandler implements ICommandHandler<RegisterSituationCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly checks: ReferenceChecks,
  ) {}

  async execute({ input, meta }: RegisterSituationCommand): Promise<string> {
    const { name, countryCodes, allegedUsers, period, note } = withoutNulls({ ...input });
    this.checks.states(countryCodes, 'countryCodes');
    allegedUsers.forEach((u, i) => this.checks.states(u.stateCodes, `allegedUsers.${i}.stateCodes`));
    const situationId = newId(input, 'situation');
    const command: RegisterSituation = {
      type: 'RegisterSituation',
      data: {
        situationId,
        name,
        countryCodes,
        allegedUsers: allegedUsers.map((u) => ({ ...u })),
        period: { ...period },
        ...(note !== undefined && { note }),
      },
    };
    await this.executor.execute(command, commandMeta(command.type, input, meta));
    return situationId;
  }
}

@CommandHandler(CorrectSituationCommand)
export class CorrectSituationHandler implements ICommandHandler<CorrectSituationCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly checks: ReferenceChecks,
  ) {}

  async execute({ input, meta }: CorrectSituationCommand): Promise<string> {
    const { situationId, reason, correctedOn } = input;
    this.checks.situation(situationId, 'situationId');
    const changes = JSON.parse(JSON.stringify(withoutNulls({ ...input.changes }))) as Partial<SituationDetails>;
    if (changes.countryCodes) this.checks.states(changes.countryCodes, 'changes.countryCodes');
    changes.allegedUsers?.forEach((u, i) => this.checks.states(u.stateCodes, `changes.allegedUsers.${i}.stateCodes`));
    const command: CorrectSituation = { type: 'CorrectSituation', data: { situationId, changes, reason, correctedOn } };
    await this.executor.execute(command, commandMeta(command.type, input, meta));
    return situationId;
  }
}
