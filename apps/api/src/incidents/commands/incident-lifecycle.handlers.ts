import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CorrectIncident, IncidentDetails, MergeIncidents, WithdrawIncident } from '@app/domain';
import { CommandExecutor } from '../../shared/command-executor';
import { commandMeta } from '../../shared/command-meta';
import type { RequestMeta } from '../../shared/request-meta';
import { ReferenceChecks } from '../../shared/reference-checks';
import type { CorrectIncidentInput } from '../dto/correct-incident.input';
import type { MergeIncidentsInput, WithdrawIncidentInput } from '../dto/incident-lifecycle.inputs';
import { withoutNulls } from '../without-nulls';

export class CorrectIncidentCommand extends Command<string> {
  constructor(
    readonly input: CorrectIncidentInput,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

export class MergeIncidentsCommand extends Command<string> {
  constructor(
    readonly input: MergeIncidentsInput,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

export class WithdrawIncidentCommand extends Command<string> {
  constructor(
    readonly input: WithdrawIncidentInput,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/** Corrects the (canonical) incident's details; returns its id. */
@CommandHandler(CorrectIncidentCommand)
export class CorrectIncidentHandler implements ICommandHandler<CorrectIncidentCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly checks: ReferenceChecks,
  ) {}

  async execute({ input, meta }: CorrectIncidentCommand): Promise<string> {
    const incidentId = this.checks.incident(input.incidentId, 'incidentId');
    const changes = withoutNulls({ ...input.changes }) as Partial<IncidentDetails>;
    if (changes.situationId !== undefined) this.checks.situation(changes.situationId, 'changes.situationId');
    const command: CorrectIncident = {
      type: 'CorrectIncident',
      data: { incidentId, changes, reason: input.reason, correctedOn: input.correctedOn },
    };
    await this.executor.execute(command, commandMeta(command.type, input, meta));
    return incidentId;
  }
}

/** Folds a duplicate into the canonical incident; returns the canonical incident's id. */
@CommandHandler(MergeIncidentsCommand)
export class MergeIncidentsHandler implements ICommandHandler<MergeIncidentsCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly checks: ReferenceChecks,
  ) {}

  execute({ input, meta }: MergeIncidentsCommand): Promise<string> {
    return this.executor.alone('incident merges', async () => {
      // The duplicate is decided on its own stream (already merged: the decider answers CONFLICT), so its
      // id is not resolved; the canonical one is, so that merging into a merged id cannot build a chain.
      this.checks.incident(input.duplicateIncidentId, 'duplicateIncidentId');
      const canonicalIncidentId = this.checks.incident(input.canonicalIncidentId, 'canonicalIncidentId');
      const command: MergeIncidents = {
        type: 'MergeIncidents',
        data: {
          duplicateIncidentId: input.duplicateIncidentId,
          canonicalIncidentId,
          reason: input.reason,
          mergedOn: input.mergedOn,
        },
      };
      await this.executor.execute(command, commandMeta(command.type, input, meta));
      return canonicalIncidentId;
    });
  }
}

@CommandHandler(WithdrawIncidentCommand)
export class WithdrawIncidentHandler implements ICommandHandler<WithdrawIncidentCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly checks: ReferenceChecks,
  ) {}

  async execute({ input, meta }: WithdrawIncidentCommand): Promise<string> {
    const incidentId = this.checks.incident(input.incidentId, 'incidentId');
    const command: WithdrawIncident = {
      type: 'WithdrawIncident',
      data: { incidentId, reason: input.reason, withdrawnOn: input.withdrawnOn },
    };
    await this.executor.execute(command, commandMeta(command.type, input, meta));
    return incidentId;
  }
}
