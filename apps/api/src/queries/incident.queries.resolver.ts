import { Args, GraphQLISODateTime, ID, Int, Query, Resolver } from '@nestjs/graphql';
import {
  type Clock,
  condemnersByIncident,
  findIncident,
  type IncidentSort,
  isoDateOf,
  listIncidents,
} from '@app/projections';
import { notFound, statesPartiesOn } from '@app/domain';
import { ClockEnum } from '../graphql/enums';
import { ReadModelService } from '../read-model/read-model.service';
import { ReferenceData } from '../reference/reference-data';
import { toIncidentObject } from '../incidents/incident.mapper';
import { IncidentObject } from '../incidents/objects/incident.object';
import { withoutNulls } from '../incidents/without-nulls';
import { IncidentFilterInput } from './dto/incident-filter.input';
import { MATCHED, type Matched } from './incident-overview.resolver';
import { timeTravel } from './model-context';
import { AuditEntryObject, IncidentConnectionObject, IncidentSortEnum } from './objects/incident-read.objects';

const AS_OF = {
  type: () => GraphQLISODateTime,
  nullable: true,
  description: 'Time travel: the answer as of this instant',
};
const CLOCK = {
  type: () => ClockEnum,
  nullable: true,
  description: 'RECORDED (default): what the registry showed at asOf; KNOWN: evidence dated on or before asOf',
};

/** Read-side queries about incidents (the mutations live in incidents/). */
@Resolver(() => IncidentObject)
export class IncidentQueriesResolver {
  constructor(
    private readonly readModel: ReadModelService,
    private readonly reference: ReferenceData,
  ) {}

  @Query(() => IncidentObject, {
    description: 'One incident; a merged duplicate id resolves to the canonical incident',
  })
  async incident(
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', AS_OF) asOf?: Date,
    @Args('clock', CLOCK) clock?: Clock,
  ): Promise<IncidentObject> {
    const cut = timeTravel(asOf, clock);
    const model = await this.readModel.incidentModelAt(id, cut.asOf, cut.clock);
    const view = findIncident(model, id);
    if (!view)
      throw notFound(
        cut.asOf ? `No incident with id ${id} as of ${cut.asOf.toISOString()}` : `No incident with id ${id}`,
        'id',
      );
    return toIncidentObject(view, model, this.reference, { lazyLists: true });
  }

  @Query(() => IncidentConnectionObject, {
    description: 'Canonical incidents (merged duplicates live inside them), newest first by default',
  })
  async incidents(
    @Args('filter', { type: () => IncidentFilterInput, nullable: true }) filter?: IncidentFilterInput,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 0 to 500 (default 20)' }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('sort', { type: () => IncidentSortEnum, nullable: true, description: 'OCCURRED (default) or STATUS_CHANGED' })
    sort?: IncidentSort,
    @Args('descending', { type: () => Boolean, nullable: true, description: 'Default true' }) descending?: boolean,
    @Args('asOf', AS_OF) asOf?: Date,
    @Args('clock', CLOCK) clock?: Clock,
  ): Promise<IncidentConnectionObject & Matched> {
    const cut = timeTravel(asOf, clock);
    const model = await this.readModel.modelAt(cut.asOf, cut.clock);
    const { notYetCondemnedBy, ...rest } = withoutNulls({ ...filter });
    const day = cut.asOf ? isoDateOf(cut.asOf) : (model.latestEvidenceDate ?? isoDateOf(new Date()));
    const notCondemnedBy = notYetCondemnedBy && {
      stateCodes: new Set([
        ...(notYetCondemnedBy.stateCodes ?? []),
        ...(notYetCondemnedBy.statesParties ? statesPartiesOn(this.reference.ccmStates, day).map((s) => s.iso3) : []),
      ]),
      condemners: condemnersByIncident(model, day, notYetCondemnedBy.countGeneric ?? false),
    };
    const matching = { ...rest, ...(notCondemnedBy && { notCondemnedBy }) };
    const page = listIncidents(model, matching, {
      first: first ?? undefined,
      after: after ?? undefined,
      sort: sort ?? undefined,
      descending: descending ?? undefined,
    });
    return {
      ...page,
      edges: page.edges.map(({ cursor, node }) => ({
        cursor,
        node: toIncidentObject(node, model, this.reference, { lazyLists: true }),
      })),
      [MATCHED]: { model, filter: matching },
    };
  }

  @Query(() => [AuditEntryObject], {
    description: 'The audit trail: every event about the incident (and its merged duplicates), oldest first',
  })
  async incidentHistory(@Args('id', { type: () => ID }) id: string): Promise<AuditEntryObject[]> {
    const history = await this.readModel.history(id);
    if (!history) throw notFound(`No incident with id ${id}`, 'id');
    return history;
  }
}
