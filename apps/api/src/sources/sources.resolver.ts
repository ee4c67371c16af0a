import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { notFound } from '@app/domain';
import { organisationOf, similarSources, type SourceLinks } from '@app/projections';
import { type SourceAtCut, sourcesAt } from '@app/read-store';
import { timeTravel } from '../queries/model-context';
import { TimeTravelInput } from '../queries/dto/time-travel.input';
import { AnswersAfterWrites } from '../read-store/answers-after-writes';
import { LiveReads } from '../read-store/live-reads.service';
import { PastReads } from '../read-store/past-reads.service';
import { type RequestMeta, Meta } from '../shared/request-meta';
import { MergeSourcesCommand, RegisterSourceCommand, RegradeSourceCommand } from './commands/source.handlers';
import { MergeSourcesInput, RegisterSourceInput, RegradeSourceInput } from './dto/source.inputs';
import { SourceObject, SourceWarningObject } from './objects/source.object';

/** A source read from the projection file, now or as of a cut (`links`: the sources beside it then). */
const toSourceObject = (s: SourceAtCut, links: SourceLinks): SourceObject => ({
  ...s,
  id: s.sourceId,
  organisationId: organisationOf(links, s.sourceId),
  mergedInto: s.mergedInto && {
    canonicalSourceId: s.mergedInto.canonicalSourceId,
    reason: s.mergedInto.reason,
    mergedOn: s.mergedInto.mergedOn,
  },
});

/** The source `id` of those read from the projection file, its organisation resolved over them. */
function sourceOf(filed: SourceAtCut[], id: string): SourceObject {
  const links = { sources: new Map(filed.map((s) => [s.sourceId, s])) };
  const source = links.sources.get(id);
  if (!source) throw notFound(`No source with id ${id}`, 'id');
  return toSourceObject(source, links);
}

@Resolver(() => SourceObject)
export class SourcesResolver {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly past: PastReads,
    private readonly live: LiveReads,
    private readonly answers: AnswersAfterWrites,
  ) {}

  @Query(() => SourceObject)
  source(@Args('id', { type: () => ID }) id: string): SourceObject {
    return sourceOf(this.live.sources(), id);
  }

  @Query(() => [SourceObject], { description: 'Every registered source, by name (as graded then, with asOf)' })
  async sources(
    @Args('filter', { type: () => TimeTravelInput, nullable: true, description: 'As of when' })
    filter?: TimeTravelInput,
  ): Promise<SourceObject[]> {
    const { asOf, clock } = timeTravel(filter);
    const read = asOf ? await this.past.sourcesAt(asOf, clock) : this.live.sources();
    const links = { sources: new Map(read.map((s) => [s.sourceId, s])) };
    return [...links.sources.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((s) => toSourceObject(s, links));
  }

  @Mutation(() => SourceObject, {
    description: 'Register an organisation or outlet that reports evidence; `warnings` names sources with a close name',
  })
  async registerSource(@Args('input') input: RegisterSourceInput, @Meta() meta: RequestMeta): Promise<SourceObject> {
    const id: string = await this.commandBus.execute(new RegisterSourceCommand(input, meta));
    return this.answer(id, meta);
  }

  @Mutation(() => SourceObject, { description: "Change a source's reliability grade, with the reason" })
  async regradeSource(@Args('input') input: RegradeSourceInput, @Meta() meta: RequestMeta): Promise<SourceObject> {
    const id: string = await this.commandBus.execute(new RegradeSourceCommand(input, meta));
    return this.answer(id, meta);
  }

  @Mutation(() => SourceObject, {
    description: 'Fold a source registered twice into the canonical one; returns that one',
  })
  async mergeSources(@Args('input') input: MergeSourcesInput, @Meta() meta: RequestMeta): Promise<SourceObject> {
    const id: string = await this.commandBus.execute(new MergeSourcesCommand(input, meta));
    return this.answer(id, meta);
  }

  @ResolveField(() => [SourceWarningObject], {
    description: 'Other sources with a close name (normalised, acronyms and aliases included)',
  })
  warnings(@Parent() source: SourceObject): SourceWarningObject[] {
    // Every source now: the list `sources` keeps.
    const candidates = similarSources(this.live.sources(), source.name, source.aliases, source.id).filter(
      (s) => !source.mergedDuplicates.includes(s.sourceId),
    );
    if (candidates.length === 0) return [];
    return [
      {
        code: 'SIMILAR_NAME',
        message:
          `${candidates.length === 1 ? 'A source goes' : 'Sources go'} by a close name: ` +
          `${candidates.map((c) => c.name).join(', ')}. ` +
          'If it is the same organisation, merge the duplicate (mergeSources) or name the parent (parentOrganisation).',
        candidates: candidates.map((c) => ({ id: c.sourceId, name: c.name, aliases: c.aliases })),
      },
    ];
  }

  /** From the projection file once it shows the write; else from the written streams folded in memory. */
  private answer(id: string, meta: RequestMeta): Promise<SourceObject> {
    return this.answers.read(meta.writes, (file) => sourceOf(sourcesAt(file.db, 'LIVE'), id));
  }
}
