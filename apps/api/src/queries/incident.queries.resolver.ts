import { Args, ID, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  type Clock,
  type IncidentFilter,
  type IncidentPageArgs,
  isOverviewFilter,
  isoDateOf,
  listIncidents,
} from '@app/projections';
import type { IncidentAtCut } from '@app/read-store';
import { notFound, statesPartiesOn } from '@app/domain';
import { IncidentTrails } from '../read-store/incident-reads';
import { LiveReads } from '../read-store/live-reads.service';
import { PastReads } from '../read-store/past-reads.service';
import { ReferenceData } from '../reference/reference-data';
import { toListedIncidentObject } from '../incidents/incident.mapper';
import { type FileLists, toLiveIncidentObject } from '../incidents/live-incident.mapper';
import { IncidentObject } from '../incidents/objects/incident.object';
import { withoutNulls } from '../incidents/without-nulls';
import { IncidentFilterInput } from './dto/incident-filter.input';
import { descendingOf, IncidentOrderInput } from './dto/order.input';
import { selectionOf, TimeTravelInput } from './dto/time-travel.input';
import { fileListsOf } from './file-lists';
import { StatementStreams } from '../statements/statement-streams';
import { FIRST, AFTER } from './page.args';
import { MATCHED, type Matched } from './incident-overview.resolver';
import { timeTravel } from './model-context';
import { AuditEntryObject, IncidentConnectionObject } from './objects/incident-read.objects';
import { corroborationFieldsOf, selectsAny } from './selected-fields';
import type { IncidentsShownAtCut } from '../read-store/cut-reads';

/** The filters a list reads the dates of an incident's details for, and nothing else of it. */
const DATE_FILTERS: ReadonlySet<string> = new Set<keyof IncidentFilter>(['occurredFrom', 'occurredTo']);

type NotYetCondemnedBy = { stateCodes?: string[]; statesParties?: boolean; countGeneric?: boolean };
const countsGeneric = (notYet: NotYetCondemnedBy) => notYet.countGeneric ?? false;

/** Read-side queries about incidents (the mutations live in incidents/). */
@Resolver(() => IncidentObject)
export class IncidentQueriesResolver {
  constructor(
    private readonly trails: IncidentTrails,
    private readonly past: PastReads,
    private readonly live: LiveReads,
    private readonly reference: ReferenceData,
    private readonly streams: StatementStreams,
  ) {}

  /** What an incident read from the file now reads of it only when a query selects it. */
  private readonly fileLists: FileLists = fileListsOf(this.live, this.reference, this.streams);

  /** An incident read now: its nested lists and referring statements from the file, its trail when asked. */
  private liveObject(incident: Parameters<typeof toLiveIncidentObject>[0]): IncidentObject {
    return toLiveIncidentObject(
      incident,
      this.reference,
      this.trails.ofFile(incident.incidentId, null),
      this.fileLists,
    );
  }

  /** An incident read as of a cut: what fields below it read, read from the file at that cut. */
  private listedObject(facts: IncidentAtCut, cut: { asOf: Date; clock: Clock } | null): IncidentObject {
    const reads = this.trails.ofFile(facts.incidentId, cut && { clock: cut.clock, at: cut.asOf });
    return toListedIncidentObject(facts, this.reference, reads, (id) => this.streams.events(id));
  }

  @Query(() => IncidentObject, {
    description: 'One incident; a merged duplicate id resolves to the canonical incident',
  })
  async incident(
    @Args('id', { type: () => ID }) id: string,
    @Args('filter', { type: () => TimeTravelInput, nullable: true, description: 'As of when' })
    filter?: TimeTravelInput,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<IncidentObject> {
    const { asOf, clock } = timeTravel(filter);
    const missing = () =>
      notFound(asOf ? `No incident with id ${id} as of ${asOf.toISOString()}` : `No incident with id ${id}`, 'id');
    // As of a date, the projection file gives what the incident was then; its nested lists are read at that cut
    // only when a query selects them (see toListedIncidentObject).
    if (asOf) {
      const read = await this.past.incidentAt(id, asOf, clock);
      if (!read.incident) throw missing();
      return this.listedObject(read.incident, { asOf, clock });
    }
    // Now, the projection file's live rows answer (the stored assessment: no policy run on a read).
    const live = this.live.incident(id, corroborationFieldsOf(info));
    if (!live.incident) throw missing();
    return this.liveObject(live.incident);
  }

  @Query(() => IncidentConnectionObject, {
    description: 'Canonical incidents (merged duplicates live inside them), newest first by default',
  })
  async incidents(
    @Args('filter', { type: () => IncidentFilterInput, nullable: true }) filter?: IncidentFilterInput,
    @Args('orderBy', { type: () => IncidentOrderInput, nullable: true }) orderBy?: IncidentOrderInput,
    @Args('first', FIRST) first?: number,
    @Args('after', AFTER) after?: string,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<IncidentConnectionObject & Matched> {
    const cut = timeTravel(filter);
    const { notYetCondemnedBy, ...rest } = withoutNulls(selectionOf(filter));
    const args = { first: first ?? undefined, after: after ?? undefined, sort: orderBy?.field };
    const pageArgs = { ...args, descending: descendingOf(orderBy) };
    const { asOf, clock } = cut;
    // As of a date, the projection file lists the incidents, and says who had condemned them then; now, it lists
    // them, with their tally and map, and who has condemned them when asked.
    if (asOf) return this.listedAt(asOf, clock, rest, notYetCondemnedBy, pageArgs, info);
    if (!notYetCondemnedBy) return this.listedNow(rest, pageArgs, !info || selectsAny(info, ['tally', 'map']));
    const { incidents, day, condemners } = await this.live.condemnedNow(countsGeneric(notYetCondemnedBy));
    const matching = this.notCondemnedBy(rest, notYetCondemnedBy, day, condemners);
    const page = listIncidents(incidents, matching, pageArgs);
    return {
      ...page,
      edges: page.edges.map(({ cursor, node }) => ({ cursor, node: this.listedObject(node, null) })),
      [MATCHED]: { model: incidents, filter: matching },
    };
  }

  /**
   * A page of the incidents now from the projection file's live rows, with `overview` what its tally and map count
   * (the incidents the filter keeps, already filtered).
   */
  private listedNow(
    filter: IncidentFilter,
    pageArgs: IncidentPageArgs,
    overview: boolean,
  ): IncidentConnectionObject & Matched {
    const { page, matched } = this.live.incidentPage(filter, pageArgs, overview);
    return {
      ...page,
      edges: page.edges.map(({ cursor, node }) => ({
        cursor,
        node: this.liveObject({ ...node, corroborations: null }),
      })),
      ...(matched && { [MATCHED]: { model: matched, filter: {} } }),
    };
  }

  /** The filter narrowed to the incidents none of these States had condemned by `day` (`condemners` then). */
  private notCondemnedBy<F extends IncidentFilter>(
    filter: F,
    notYet: NotYetCondemnedBy,
    day: string,
    condemners: ReadonlyMap<string, ReadonlySet<string>>,
  ): F {
    const stateCodes = new Set([
      ...(notYet.stateCodes ?? []),
      ...(notYet.statesParties ? statesPartiesOn(this.reference.ccmStates, day).map((s) => s.iso3) : []),
    ]);
    return { ...filter, notCondemnedBy: { stateCodes, condemners } };
  }

  /**
   * Incidents as of a date from the projection file. A page that needs no status (no filter or sort on one, no tally
   * or map asked, no condemnations counted) assesses only its own incidents; one sorted by date and filtered on details
   * a report reads, on status and on who condemned reads every incident of the cut as a report does (no words, no
   * history), then assesses its own; any other reads every incident of the cut whole. Who condemned them is read from
   * the file's statements and resolutions. A listed incident reads its nested lists at the cut if a query selects them.
   */
  private async listedAt(
    asOf: Date,
    clock: Clock,
    filter: IncidentFilter,
    notYet: NotYetCondemnedBy | undefined,
    pageArgs: IncidentPageArgs,
    info: GraphQLResolveInfo | undefined,
  ): Promise<IncidentConnectionObject & Matched> {
    const { status, readiness, firstConfirmedFrom, firstConfirmedTo } = filter;
    const byStatus = [status, readiness, firstConfirmedFrom, firstConfirmedTo].some((f) => f !== undefined);
    const needsStatuses = byStatus || pageArgs.sort === 'STATUS_CHANGED' || !info || selectsAny(info, ['tally', 'map']);
    const node = (facts: IncidentAtCut) => this.listedObject(facts, { asOf, clock });
    if (!needsStatuses && !notYet) {
      // Sorted by date, a filter on nothing but dates: SQL finds the page on the dates index (no other incident read).
      const datesOnly = Object.entries(filter).every(([f, v]) => v === undefined || DATE_FILTERS.has(f));
      const list = (set: IncidentsShownAtCut) => listIncidents(set, filter, pageArgs);
      const page = datesOnly
        ? await this.past.datedIncidentPageAt(asOf, clock, filter, pageArgs)
        : await this.past.incidentPageAt(asOf, clock, list);
      return { ...page, edges: page.edges.map(({ cursor, node: n }) => ({ cursor, node: node(n) })) };
    }
    const day = isoDateOf(asOf);
    if (isOverviewFilter(filter) && pageArgs.sort !== 'STATUS_CHANGED') {
      // Filtered on what a report reads (details, status, condemnations): every incident read as a report reads it,
      // the page's own then assessed.
      let matching = filter;
      if (notYet) {
        const overview = (await this.past.overviewAt(asOf, clock)).map(({ node: n }) => n);
        const condemners = await this.past.condemnersAt(asOf, clock, overview, day, countsGeneric(notYet));
        matching = this.notCondemnedBy(filter, notYet, day, condemners);
      }
      const { page, overview } = await this.past.overviewPageAt(asOf, clock, matching, pageArgs);
      return {
        ...page,
        edges: page.edges.map(({ cursor, node: n }) => ({ cursor, node: node(n) })),
        [MATCHED]: { overview, filter: matching },
      };
    }
    const listed = await this.past.incidentsAt(asOf, clock);
    let matching = filter;
    if (notYet) {
      const condemners = await this.past.condemnersAt(
        asOf,
        clock,
        listed.incidents.values(),
        day,
        countsGeneric(notYet),
      );
      matching = this.notCondemnedBy(filter, notYet, day, condemners);
    }
    const page = listIncidents(listed, matching, pageArgs);
    return {
      ...page,
      edges: page.edges.map(({ cursor, node: n }) => ({ cursor, node: node(n) })),
      [MATCHED]: { model: listed, filter: matching },
    };
  }

  @Query(() => [AuditEntryObject], {
    description: 'The audit trail: every event about the incident (and its merged duplicates), oldest first',
  })
  async incidentHistory(@Args('id', { type: () => ID }) id: string): Promise<AuditEntryObject[]> {
    const incident = this.live.incident(id, null).incident;
    if (!incident) throw notFound(`No incident with id ${id}`, 'id');
    return (await this.trails.ofFile(incident.incidentId, null).trail()).history;
  }
}
