import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Citation } from '@app/domain';
import type { StatementTexts } from '@app/projections';
import { CitationObject } from '../incidents/objects/incident.object';
import { StatementObject } from '../statements/objects/statement.object';
import type { ListedStatement } from '../statements/listed-statement';

/**
 * Statement.quote and Statement.citation. The projection file leaves both in the store (they are most of a
 * statement's weight, and no query selects on them): every statement is read from the file (`ListedStatement`) and
 * reads them from its stream, once per statement object, as of the cut it was read at.
 */
@Resolver(() => StatementObject)
export class StatementTextsResolver {
  private texts(parent: StatementObject): Promise<StatementTexts> {
    return (parent as unknown as ListedStatement).texts();
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
