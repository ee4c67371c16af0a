import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RecordResolutionVote, StatementScope } from '@app/domain';
import { CommandExecutor } from '../../shared/command-executor';
import { commandMeta, newId } from '../../shared/command-meta';
import type { RequestMeta } from '../../shared/request-meta';
import { ReferenceChecks } from '../../shared/reference-checks';
import { withoutNulls } from '../../incidents/without-nulls';
import type { RecordResolutionVoteInput } from '../dto/resolution.inputs';
import { EvidenceCitations } from '../../evidence/evidence-citations';

export class RecordResolutionVoteCommand extends Command<string> {
  constructor(
    readonly input: RecordResolutionVoteInput,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/** Plain data for the event (no DTO prototypes), after checking that what it names exists. */
export function checkedScope(
  checks: ReferenceChecks,
  scope: StatementScope | undefined,
  field: string,
): StatementScope | undefined {
  if (scope === undefined) return undefined;
  const plain = JSON.parse(JSON.stringify(withoutNulls(scope))) as StatementScope;
  plain.situationIds?.forEach((id) => checks.situation(id, `${field}.situationIds`));
  if (plain.allegedUser) checks.states(plain.allegedUser.stateCodes, `${field}.allegedUser.stateCodes`);
  return plain;
}

@CommandHandler(RecordResolutionVoteCommand)
export class RecordResolutionVoteHandler implements ICommandHandler<RecordResolutionVoteCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly checks: ReferenceChecks,
    private readonly evidence: EvidenceCitations,
  ) {}

  async execute({ input, meta }: RecordResolutionVoteCommand): Promise<string> {
    const { symbol, title, venue, adoptedOn, kind, votes, citation } = withoutNulls({ ...input });
    this.checks.states(
      votes.map((v) => v.stateCode),
      'votes',
    );
    const incidentIds = this.checks.incidents(input.incidentIds, 'incidentIds');
    const scope = checkedScope(this.checks, input.scope ?? undefined, 'scope');
    const cited = citation === undefined ? undefined : await this.evidence.citation(citation, 'citation');
    const resolutionId = newId(input, 'resolution');
    const command: RecordResolutionVote = {
      type: 'RecordResolutionVote',
      data: {
        resolutionId,
        symbol,
        title,
        venue,
        adoptedOn,
        kind,
        incidentIds,
        ...(scope !== undefined && { scope }),
        votes: votes.map((v) => ({ stateCode: v.stateCode, vote: v.vote })),
        ...(cited !== undefined && { citation: cited }),
      },
    };
    await this.executor.execute(command, commandMeta(command.type, input, meta));
    return resolutionId;
  }
}
