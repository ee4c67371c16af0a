import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { condemnersByIncident, findIncident, isoDateOf, listIncidents } from '@app/projections';
import { notFound, statesPartiesOn } from '@app/domain';
import { ReadModelService } from '../read-model/read-model.service';
import { ReferenceData } from '../reference/reference-data';
import { toIncidentObject, toListedIncidentObject } from '../incidents/incident.mapper';
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
    const { asOf, clock } = timeTravel(filter);
    const missing = () =>
      notFound(asOf ? `No incident with id ${id} as of ${asOf.toISOString()}` : `No incident with id ${id}`, 'id');
    // As of a date, the projection file gives what the incident was then; a replay of its streams, only when a
    // query selects its revision or nested lists (see toListedIncidentObject).
    const read = asOf ? await this.readModel.incidentAt(id, asOf, clock) : null;
    if (asOf && read) {
      if (!read.incident) throw missing();
      const canonical = read.incident.incidentId;
      return toListedIncidentObject(read.incident, this.reference, () =>
        this.readModel.incidentModelAt(canonical, asOf, clock),
      );
    }
    const model = await this.readModel.incidentModelAt(id, asOf, clock);
    const view = findIncident(model, id);
    if (!view) throw missing();
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
    const { notYetCondemnedBy, ...rest } = withoutNulls(selectionOf(filter));
    const args = { first: first ?? undefined, after: after ?? undefined, sort: orderBy?.field };
    const pageArgs = { ...args, descending: descendingOf(orderBy) };
    const { asOf, clock } = cut;
    // As of a date, the projection file lists the incidents (unless the filter asks who condemned them, which
    // needs every statement as of then: a replay); each listed incident replays its own streams if a query
    // selects more than the list shows.
    const listed = asOf && !notYetCondemnedBy ? await this.readModel.incidentsAt(asOf, clock) : null;
    if (listed && 'fixed' in listed) {
      const page = listIncidents(listed, rest, pageArgs);
      return {
        ...page,
        edges: page.edges.map(({ cursor, node }) => ({
          cursor,
          node: toListedIncidentObject(node, this.reference, () =>
            this.readModel.incidentModelAt(node.incidentId, asOf, clock),
          ),
        })),
        [MATCHED]: { model: listed, filter: rest },
      };
    }
    const model = listed ?? (await this.readModel.modelAt(asOf, clock));
    const day = asOf ? isoDateOf(asOf) : (model.latestEvidenceDate ?? isoDateOf(new Date()));
    const notCondemnedBy = notYetCondemnedBy && {
      stateCodes: new Set([
        ...(notYetCondemnedBy.stateCodes ?? []),
        ...(notYetCondemnedBy.statesParties ? statesPartiesOn(this.reference.ccmStates, day).map((s) => s.iso3) : []),
      ]),
      condemners: condemnersByIncident(model, day, notYetCondemnedBy.countGeneric ?? false),
    };
    const matching = { ...rest, ...(notCondemnedBy && { notCondemnedBy }) };
    const page = listIncidents(model, matching, pageArgs);
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
