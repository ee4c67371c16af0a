import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AddCorroboration, RetractCorroboration } from '@app/domain';
import { CommandExecutor } from '../../shared/command-executor';
import { commandMeta, newId } from '../../shared/command-meta';
import type { RequestMeta } from '../../shared/request-meta';
import { ReferenceChecks } from '../../shared/reference-checks';
import type { AddCorroborationInput, RetractCorroborationInput } from '../dto/corroboration.inputs';
import { withoutNulls } from '../without-nulls';
import { EvidenceCitations } from '../../evidence/evidence-citations';

export class AddCorroborationCommand extends Command<string> {
  constructor(
    readonly input: AddCorroborationInput,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

export class RetractCorroborationCommand extends Command<string> {
  constructor(
    readonly input: RetractCorroborationInput,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/** Adds one source's evidence to the (canonical) incident; returns the incident's id. */
@CommandHandler(AddCorroborationCommand)
export class AddCorroborationHandler implements ICommandHandler<AddCorroborationCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly checks: ReferenceChecks,
    private readonly evidence: EvidenceCitations,
  ) {}

  async execute({ input, meta }: AddCorroborationCommand): Promise<string> {
    const incidentId = this.checks.incident(input.incidentId, 'incidentId');
    this.checks.source(input.sourceId, 'sourceId');
    const {
      sourceId,
      stance,
      evidenceKinds,
      publishedOn,
      citation,
      derivedFrom,
      summary,
      credibility,
      geolocationPrecisionMeters,
    } = withoutNulls({ ...input });
    const cited = await this.evidence.citation(citation, 'citation');
    // A derivation from a corroboration of an incident merged into this one: its stream, not this one's, holds it.
    const fromMerged = derivedFrom !== undefined && this.checks.loggedOnMergedDuplicate(incidentId, derivedFrom);
    const command: AddCorroboration = {
      type: 'AddCorroboration',
      data: {
        incidentId,
        corroborationId: newId(input, 'corroboration'),
        sourceId,
        stance,
        evidenceKinds,
        publishedOn,
        citation: cited,
        ...(derivedFrom !== undefined && { derivedFrom }),
        summary,
        ...(credibility !== undefined && { credibility }),
        ...(geolocationPrecisionMeters !== undefined && { geolocationPrecisionMeters }),
        ...(fromMerged && { mergedCorroborationIds: [derivedFrom] }),
      },
    };
    await this.executor.execute(command, commandMeta(command.type, input, meta));
    return incidentId;
  }
}

@CommandHandler(RetractCorroborationCommand)
export class RetractCorroborationHandler implements ICommandHandler<RetractCorroborationCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly checks: ReferenceChecks,
  ) {}

  async execute({ input, meta }: RetractCorroborationCommand): Promise<string> {
    const incidentId = this.checks.incident(input.incidentId, 'incidentId');
    // A corroboration lives on the stream it was logged on, which may be a duplicate merged since.
    const loggedOn = this.checks.corroborationOf(incidentId, input.corroborationId, 'corroborationId');
    const command: RetractCorroboration = {
      type: 'RetractCorroboration',
      data: {
        incidentId: loggedOn,
        corroborationId: input.corroborationId,
        reason: input.reason,
        retractedOn: input.retractedOn,
      },
    };
    await this.executor.execute(command, commandMeta(command.type, input, meta));
    return incidentId;
  }
}
