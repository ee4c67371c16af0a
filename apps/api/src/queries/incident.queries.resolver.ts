import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { condemnersByIncident, findIncident, isoDateOf, listIncidents } from '@app/projections';
import { notFound, statesPartiesOn } from '@app/domain';
import { ReadModelService } from '../read-model/read-model.service';
import { ReferenceData } from '../reference/reference-data';
import { toIncidentObject } from '../incidents/incident.mapper';
import { IncidentObject } from '../incidents/objects/incident.object';
import { withoutNulls } from '../incidents/without-nulls';
import { IncidentFilterInput } from './dto/incident-filter.input';
import { descendingOf, IncidentOrderInput } from './dto/order.input';
import { selectionOf, TimeTravelInput } from './dto/time-travel.input';
import { FIRST, AFTER } from './page.args';
import { MATCHED, type Matched } from './incident-overview.resolver';
import { timeTravel } from './model-context';
import { AuditEntryObject, IncidentConnectionObject } from './objects/incident-read.objects';

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
    @Args('filter', { type: () => TimeTravelInput, nullable: true, description: 'As of when' })
    filter?: TimeTravelInput,
  ): Promise<IncidentObject> {
    const cut = timeTravel(filter);
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
    @Args('orderBy', { type: () => IncidentOrderInput, nullable: true }) orderBy?: IncidentOrderInput,
    @Args('first', FIRST) first?: number,
    @Args('after', AFTER) after?: string,
  ): Promise<IncidentConnectionObject & Matched> {
    const cut = timeTravel(filter);
    const model = await this.readModel.modelAt(cut.asOf, cut.clock);
    const { notYetCondemnedBy, ...rest } = withoutNulls(selectionOf(filter));
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
      sort: orderBy?.field,
      descending: descendingOf(orderBy),
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
