import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ConcludeInvestigation, OpenInvestigation } from '@app/domain';
import { CommandExecutor } from '../../shared/command-executor';
import { commandMeta, newId } from '../../shared/command-meta';
import type { RequestMeta } from '../../shared/request-meta';
import { ReferenceChecks } from '../../shared/reference-checks';
import type { ConcludeInvestigationInput, OpenInvestigationInput } from '../dto/investigation.inputs';
import { EvidenceCitations } from '../../evidence/evidence-citations';
import { ReferenceData } from '../../reference/reference-data';

export class OpenInvestigationCommand extends Command<string> {
  constructor(
    readonly input: OpenInvestigationInput,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

export class ConcludeInvestigationCommand extends Command<string> {
  constructor(
    readonly input: ConcludeInvestigationInput,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/** Opens an investigation over existing incidents (canonical ids); returns its id. */
@CommandHandler(OpenInvestigationCommand)
export class OpenInvestigationHandler implements ICommandHandler<OpenInvestigationCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly checks: ReferenceChecks,
    private readonly evidence: EvidenceCitations,
    private readonly reference: ReferenceData,
  ) {}

  async execute({ input, meta }: OpenInvestigationCommand): Promise<string> {
    const { kind, stateCode } = input.investigator;
    if (stateCode != null) this.checks.states([stateCode], 'investigator.stateCode');
    // A State opening under its code alone is judged by its registered STATE source, if there is one: found
    // now and kept in the event (replays agree), so the investigation is not silently graded F.
    const sourceId =
      input.investigator.sourceId ??
      (kind === 'STATE' && stateCode != null ? this.checks.stateSourceId(stateCode) : undefined);
    if (sourceId != null) this.checks.source(sourceId, 'investigator.sourceId');
    // The name as it stood when opened, for reasons read aloud: the source's, or the State's.
    const name =
      input.investigator.name ??
      (sourceId != null ? this.checks.sourceName(sourceId) : undefined) ??
      (stateCode != null ? this.reference.countries.get(stateCode) : undefined);
    const incidentIds = this.checks.incidents(input.incidentIds, 'incidentIds');
    const citations = await this.evidence.citations(input.citations, 'citations');
    const investigationId = newId(input, 'investigation');
    const command: OpenInvestigation = {
      type: 'OpenInvestigation',
      data: {
        investigationId,
        investigator: {
          kind,
          ...(stateCode != null && { stateCode }),
          ...(name != null && { name }),
          ...(sourceId != null && { sourceId }),
        },
        incidentIds,
        mandate: input.mandate,
        openedOn: input.openedOn,
        ...(citations && { citations }),
      },
    };
    await this.executor.execute(command, commandMeta(command.type, input, meta));
    return investigationId;
  }
}

@CommandHandler(ConcludeInvestigationCommand)
export class ConcludeInvestigationHandler implements ICommandHandler<ConcludeInvestigationCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly checks: ReferenceChecks,
    private readonly evidence: EvidenceCitations,
  ) {}

  async execute({ input, meta }: ConcludeInvestigationCommand): Promise<string> {
    const { investigationId, outcome, findings, concludedOn } = input;
    this.checks.investigation(investigationId, 'investigationId');
    const citations = await this.evidence.citations(input.citations, 'citations');
    const command: ConcludeInvestigation = {
      type: 'ConcludeInvestigation',
      data: { investigationId, outcome, findings, concludedOn, ...(citations && { citations }) },
    };
    await this.executor.execute(command, commandMeta(command.type, input, meta));
    return investigationId;
  }
}
