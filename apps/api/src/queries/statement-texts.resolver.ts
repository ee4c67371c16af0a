import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Citation } from '@app/domain';
import { holdsStatementTexts, type StatementTexts } from '@app/projections';
import { StatementStreams } from '../statements/statement-streams';
import { CitationObject } from '../incidents/objects/incident.object';
import { StatementObject } from '../statements/objects/statement.object';
import { ListedStatement } from '../statements/listed-statement';

/**
 * Statement.quote and Statement.citation. The projection file leaves both in the store (they are most of a
 * statement's weight, and no query selects on them): the texts are read from its stream, once per statement
 * object. A replayed incident's statements hold them; a statement listed from the file reads them from its
 * stream as of its cut.
 */
@Resolver(() => StatementObject)
export class StatementTextsResolver {
  private readonly loaded = new WeakMap<StatementObject, Promise<StatementTexts | null>>();

  constructor(private readonly streams: StatementStreams) {}

  private async texts(parent: StatementObject): Promise<StatementTexts> {
    if (parent instanceof ListedStatement) return parent.texts(); // its words as of the cut it was listed at
    if (holdsStatementTexts(parent)) return parent;
    let texts = this.loaded.get(parent);
    if (!texts) this.loaded.set(parent, (texts = this.streams.texts(parent.id)));
    return (await texts) ?? parent;
  }

  @ResolveField(() => String)
  async quote(@Parent() parent: StatementObject): Promise<string> {
    return (await this.texts(parent)).quote;
  }

  @ResolveField(() => CitationObject)
  async citation(@Parent() parent: StatementObject): Promise<Citation> {
    return (await this.texts(parent)).citation;
  }
}
