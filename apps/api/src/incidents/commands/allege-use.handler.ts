import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AllegeUse } from '@app/domain';
import { CommandExecutor } from '../../shared/command-executor';
import { commandMeta, newId } from '../../shared/command-meta';
import type { RequestMeta } from '../../shared/request-meta';
import { ReferenceChecks } from '../../shared/reference-checks';
import type { AllegeUseInput } from '../dto/allege-use.input';
import { EvidenceCitations } from '../../evidence/evidence-citations';
import { withoutNulls } from '../without-nulls';

export class AllegeUseCommand extends Command<string> {
  constructor(
    readonly input: AllegeUseInput,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/** Logs a new allegation with its first source; returns the new incident's id. */
@CommandHandler(AllegeUseCommand)
export class AllegeUseHandler implements ICommandHandler<AllegeUseCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly checks: ReferenceChecks,
    private readonly evidence: EvidenceCitations,
  ) {}

  async execute({ input, meta }: AllegeUseCommand): Promise<string> {
    this.checks.source(input.firstSource.sourceId, 'firstSource.sourceId');
    if (input.situationId != null) this.checks.situation(input.situationId, 'situationId');
    const incidentId = newId(input, 'incident');
    const { firstSource, idempotencyKey: _k, expectedRevision: _r, ...details } = withoutNulls({ ...input });
    const citation = await this.evidence.citation(firstSource.citation, 'firstSource.citation');
    const command: AllegeUse = {
      type: 'AllegeUse',
      data: {
        ...details,
        situationId: input.situationId ?? undefined,
        incidentId,
        occurredTo: input.occurredTo ?? input.occurredFrom,
        firstCorroboration: {
          ...firstSource,
          citation,
          corroborationId: newId(input, 'corroboration'),
          stance: 'SUPPORTS',
        },
      },
    };
    await this.executor.execute(command, commandMeta(command.type, input, meta));
    return incidentId;
  }
}
