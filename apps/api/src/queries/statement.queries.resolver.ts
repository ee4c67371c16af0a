import { Args, Query, Resolver } from '@nestjs/graphql';
import { type Clock, type Connection, listStates, type PageArgs, type StatementFilter } from '@app/projections';
import { pageStatements, type StatementAtCut } from '@app/read-store';
import { descendingOf, StatementOrderInput } from './dto/order.input';
import { selectionOf, TimeTravelInput } from './dto/time-travel.input';
import { AFTER, FIRST } from './page.args';
import { timeTravel } from './model-context';
import { LiveReads } from '../read-store/live-reads.service';
import { PastReads } from '../read-store/past-reads.service';
import { ReferenceData } from '../reference/reference-data';
import { withoutNulls } from '../incidents/without-nulls';
import { StatementStreams } from '../statements/statement-streams';
import { toListedStatementObject } from '../statements/listed-statement';
import { ApiError, ErrorCode } from '../graphql/error-codes';
import { COUNTRY_CODE } from '../graphql/validators';
import { StateFilterInput, StatementFilterInput } from './dto/statement-filter.input';
import { StateObject, StateTimelineObject, StatementConnectionObject } from './objects/statement-read.objects';

/** Statements, State timelines and the CCM membership list. */
@Resolver()
export class StatementQueriesResolver {
  constructor(
    private readonly past: PastReads,
    private readonly live: LiveReads,
    private readonly reference: ReferenceData,
    private readonly streams: StatementStreams,
  ) {}

  @Query(() => StatementConnectionObject, {
    description: 'Statements by delivery date, oldest first unless orderBy says DESC',
  })
  async statements(
    @Args('filter', { type: () => StatementFilterInput, nullable: true }) filter?: StatementFilterInput,
    @Args('orderBy', { type: () => StatementOrderInput, nullable: true }) orderBy?: StatementOrderInput,
    @Args('first', FIRST) first?: number,
    @Args('after', AFTER) after?: string,
  ): Promise<StatementConnectionObject> {
    const { asOf, clock } = timeTravel(filter);
    const { stateCodes, ...rest } = withoutNulls(selectionOf(filter));
    const selection = { ...rest, stateCode: stateCodes };
    const args = { first: first ?? undefined, after: after ?? undefined, descending: descendingOf(orderBy) };
    const filed = asOf ? await this.fromFile(asOf, clock, selection, args) : this.live.statementPage(selection, args);
    return {
      ...filed,
      edges: filed.edges.map(({ cursor, node }) => ({
        cursor,
        speaker: node.speaker,
        node: toListedStatementObject(node, this.reference, () => this.streams.events(node.statementId)),
      })),
    };
  }

  /**
   * As of a date, the projection file: a list by State or incident reads that State's or incident's rows; a list
   * by neither, one page of the delivery-date index (by kind or venue first when filtered by them).
   */
  private async fromFile(
    asOf: Date,
    clock: Clock,
    selection: StatementFilter,
    args: PageArgs & { descending?: boolean },
  ): Promise<Connection<StatementAtCut>> {
    const nodes = await this.past.statementsAt(asOf, clock, selection);
    if (nodes) return pageStatements(nodes, args);
    const { from, to, kind, venue } = selection;
    return this.past.statementPageAt(asOf, clock, { from, to, kind, venue }, args);
  }

  @Query(() => StateTimelineObject, {
    description:
      "A State's statements in order, each with the referred incidents' status on the day it spoke, " +
      'and its CCM status then',
  })
  async stateTimeline(
    @Args('stateCode') stateCode: string,
    @Args('filter', { type: () => TimeTravelInput, nullable: true, description: 'As of when' })
    filter?: TimeTravelInput,
  ): Promise<StateTimelineObject> {
    if (!COUNTRY_CODE.test(stateCode)) {
      throw new ApiError(
        ErrorCode.BAD_USER_INPUT,
        'stateCode must be an ISO 3166-1 alpha-3 code in capitals, e.g. GBR',
        { field: 'stateCode' },
      );
    }
    const cut = timeTravel(filter);
    const states = this.reference.ccmStates;
    const filed = cut.asOf
      ? await this.past.stateTimelineAt(cut.asOf, cut.clock, stateCode, states)
      : this.live.stateTimeline(stateCode, states);
    return {
      ...filed,
      name: filed.name ?? this.reference.countries.get(filed.stateCode) ?? null,
      entries: filed.entries.map((e) => ({
        ...e,
        statement: toListedStatementObject(e.statement, this.reference, () =>
          this.streams.events(e.statement.statementId),
        ),
      })),
    };
  }

  @Query(() => [StateObject], {
    description: 'States on the CCM list with their status on a date (others are NOT_PARTY)',
  })
  states(@Args('filter', { type: () => StateFilterInput, nullable: true }) filter?: StateFilterInput): StateObject[] {
    return listStates(this.reference.ccmStates, withoutNulls({ ...filter }));
  }
}
