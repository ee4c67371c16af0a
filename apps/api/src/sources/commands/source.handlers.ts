import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { badInput, conflict } from '@app/domain';
import { CommandExecutor } from '../../shared/command-executor';
import { commandMeta, newId } from '../../shared/command-meta';
import type { RequestMeta } from '../../shared/request-meta';
import { ReferenceChecks } from '../../shared/reference-checks';
import { withoutNulls } from '../../incidents/without-nulls';
import type { MergeSourcesInput, RegisterSourceInput, RegradeSourceInput } from '../dto/source.inputs';

export class RegisterSourceCommand extends Command<string> {
  constructor(
    readonly input: RegisterSourceInput,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

export class RegradeSourceCommand extends Command<string> {
  constructor(
    readonly input: RegradeSourceInput,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

export class MergeSourcesCommand extends Command<string> {
  constructor(
    readonly input: MergeSourcesInput,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(RegisterSourceCommand)
export class RegisterSourceHandler implements ICommandHandler<RegisterSourceCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly checks: ReferenceChecks,
  ) {}

  async execute({ input, meta }: RegisterSourceCommand): Promise<string> {
    const sourceId = newId(input, 'source');
    const { name, kind, grade, homepage, stateCode, parentOrganisation, aliases } = withoutNulls({ ...input });
    if (stateCode !== undefined) this.checks.states([stateCode], 'stateCode');
    if (parentOrganisation !== undefined) this.checks.source(parentOrganisation, 'parentOrganisation');
    await this.executor.execute(
      {
        type: 'RegisterSource',
        data: {
          sourceId,
          name,
          kind,
          grade,
          ...(homepage !== undefined && { homepage }),
          ...(stateCode !== undefined && { stateCode }),
          ...(parentOrganisation !== undefined && { parentOrganisation }),
          ...(aliases !== undefined && { aliases }),
        },
      },
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

/** Folds a duplicate into the canonical source (a merged canonical id resolves further); returns the canonical id. */
@CommandHandler(MergeSourcesCommand)
export class MergeSourcesHandler implements ICommandHandler<MergeSourcesCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly checks: ReferenceChecks,
  ) {}

  execute({ input, meta }: MergeSourcesCommand): Promise<string> {
    return this.executor.alone('source merges', async () => {
      // Bad input whatever the store holds, as the decider and an incident's merge say it.
      if (input.duplicateSourceId === input.canonicalSourceId) {
        throw badInput('a source cannot be merged into itself', 'canonicalSourceId');
      }
      this.checks.source(input.duplicateSourceId, 'duplicateSourceId');
      this.checks.source(input.canonicalSourceId, 'canonicalSourceId');
      const canonical = this.checks.canonicalSourceId(input.canonicalSourceId);
      if (canonical === input.duplicateSourceId) {
        throw conflict(
          `source ${input.canonicalSourceId} is itself merged into ${input.duplicateSourceId}`,
          'canonicalSourceId',
        );
      }
      const { duplicateSourceId, reason, mergedOn } = input;
      await this.executor.execute(
        { type: 'MergeSources', data: { duplicateSourceId, canonicalSourceId: canonical, reason, mergedOn } },
        commandMeta('MergeSources', input, meta),
      );
      return canonical;
    });
  }
}
