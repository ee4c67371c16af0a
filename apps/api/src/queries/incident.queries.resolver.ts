import { Args, ID, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  type Clock,
  condemnersByIncident,
  findIncident,
  type IncidentFilter,
  type IncidentPageArgs,
  isoDateOf,
  listIncidents,
  type RegistryModel,
} from '@app/projections';
import type { IncidentAtCut } from '@app/read-store';
import { notFound, statesPartiesOn } from '@app/domain';
import { ReadModelService } from '../read-model/read-model.service';
import { LiveReads } from '../read-store/live-reads.service';
import { PastReads } from '../read-store/past-reads.service';
import { ReferenceData } from '../reference/reference-data';
import { toIncidentObject, toListedIncidentObject } from '../incidents/incident.mapper';
import { type FileLists, toLiveIncidentObject } from '../incidents/live-incident.mapper';
import { IncidentObject } from '../incidents/objects/incident.object';
import { withoutNulls } from '../incidents/without-nulls';
import { IncidentFilterInput } from './dto/incident-filter.input';
import { descendingOf, IncidentOrderInput } from './dto/order.input';
import { selectionOf, TimeTravelInput } from './dto/time-travel.input';
import { fileListsOf } from './file-lists';
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
    private readonly readModel: ReadModelService,
    private readonly past: PastReads,
    private readonly live: LiveReads,
    private readonly reference: ReferenceData,
  ) {}

  /** What an incident read from the file now reads of it only when a query selects it. */
  private readonly fileLists: FileLists = fileListsOf(this.live, this.reference, this.readModel);

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
    // As of a date, the projection file gives what the incident was then; a replay of its streams, only when a
    // query selects its revision or nested lists (see toListedIncidentObject).
    const read = asOf ? await this.past.incidentAt(id, asOf, clock) : null;
    if (asOf && read) {
      if (!read.incident) throw missing();
      const canonical = read.incident.incidentId;
      return toListedIncidentObject(read.incident, this.reference, () =>
        this.readModel.incidentModelAt(canonical, asOf, clock),
      );
    }
    // Now, the projection file's live rows answer (the stored assessment: no policy run on a read).
    const live = asOf ? null : this.live.incident(id, corroborationFieldsOf(info));
    if (live) {
      if (!live.incident) throw missing();
      return toLiveIncidentObject(live.incident, this.reference, this.readModel.model, this.fileLists);
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
    @Info() info?: GraphQLResolveInfo,
  ): Promise<IncidentConnectionObject & Matched> {
    const cut = timeTravel(filter);
    const { notYetCondemnedBy, ...rest } = withoutNulls(selectionOf(filter));
    const args = { first: first ?? undefined, after: after ?? undefined, sort: orderBy?.field };
    const pageArgs = { ...args, descending: descendingOf(orderBy) };
    const { asOf, clock } = cut;
    // As of a date, the projection file lists the incidents, and says who had condemned them then; now, it lists
    // them, with their tally and map, unless who has condemned them is asked (the model answers that).
    const fromFile = asOf
      ? await this.listedAt(asOf, clock, rest, notYetCondemnedBy, pageArgs, info)
      : notYetCondemnedBy
        ? null
        : await this.listedNow(rest, pageArgs, !info || selectsAny(info, ['tally', 'map']));
    if (fromFile && 'edges' in fromFile) return fromFile;
    const model = fromFile ?? (await this.readModel.modelAt(asOf, clock));
    const day = asOf ? isoDateOf(asOf) : (model.latestEvidenceDate ?? isoDateOf(new Date()));
    const matching = notYetCondemnedBy
      ? this.notCondemnedBy(
          rest,
          notYetCondemnedBy,
          day,
          condemnersByIncident(model, day, countsGeneric(notYetCondemnedBy)),
        )
      : rest;
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

  /**
   * A page of the incidents now from the projection file's live rows, with `overview` what its tally and map count
   * (the incidents the filter keeps, already filtered); null when the file cannot answer.
   */
  private async listedNow(
    filter: IncidentFilter,
    pageArgs: IncidentPageArgs,
    overview: boolean,
  ): Promise<(IncidentConnectionObject & Matched) | null> {
    const read = this.live.incidentPage(filter, pageArgs, overview);
    if (!read) return null;
    const { page, matched } = read;
    const model = this.readModel.model;
    return {
      ...page,
      edges: page.edges.map(({ cursor, node }) => ({
        cursor,
        node: toLiveIncidentObject({ ...node, corroborations: null }, this.reference, model, this.fileLists),
      })),
      ...(matched && { [MATCHED]: { model: matched, filter: {} } }),
    };
  }

  /** The filter narrowed to the incidents none of these States had condemned by `day` (`condemners` then). */
  private notCondemnedBy(
    filter: IncidentFilter,
    notYet: NotYetCondemnedBy,
    day: string,
    condemners: ReadonlyMap<string, ReadonlySet<string>>,
  ): IncidentFilter {
    const stateCodes = new Set([
      ...(notYet.stateCodes ?? []),
      ...(notYet.statesParties ? statesPartiesOn(this.reference.ccmStates, day).map((s) => s.iso3) : []),
    ]);
    return { ...filter, notCondemnedBy: { stateCodes, condemners } };
  }

  /**
   * Incidents as of a date from the projection file; the replayed model when the file is not serving. A page
   * that needs no status (no filter or sort on one, no tally or map asked, no condemnations counted) assesses only
   * its own incidents; any other reads every incident of the cut, and who condemned them from the file's
   * statements and resolutions. A listed incident replays its own streams if a query selects more than the list
   * shows (its revision, its nested lists).
   */
  private async listedAt(
    asOf: Date,
    clock: Clock,
    filter: IncidentFilter,
    notYet: NotYetCondemnedBy | undefined,
    pageArgs: IncidentPageArgs,
    info: GraphQLResolveInfo | undefined,
  ): Promise<(IncidentConnectionObject & Matched) | RegistryModel> {
    const { status, readiness, firstConfirmedFrom, firstConfirmedTo } = filter;
    const byStatus = [status, readiness, firstConfirmedFrom, firstConfirmedTo].some((f) => f !== undefined);
    const needsStatuses = byStatus || pageArgs.sort === 'STATUS_CHANGED' || !info || selectsAny(info, ['tally', 'map']);
    const node = (facts: IncidentAtCut) =>
      toListedIncidentObject(facts, this.reference, () =>
        this.readModel.incidentModelAt(facts.incidentId, asOf, clock),
      );
    if (!needsStatuses && !notYet) {
      // Sorted by date, a filter on nothing but dates: SQL finds the page on the dates index (no other incident read).
      const datesOnly = Object.entries(filter).every(([f, v]) => v === undefined || DATE_FILTERS.has(f));
      const list = (set: IncidentsShownAtCut) => listIncidents(set, filter, pageArgs);
      const page = datesOnly
        ? await this.past.datedIncidentPageAt(asOf, clock, filter, pageArgs)
        : await this.past.incidentPageAt(asOf, clock, list);
      if (page) return { ...page, edges: page.edges.map(({ cursor, node: n }) => ({ cursor, node: node(n) })) };
    }
    const listed = await this.past.incidentsAt(asOf, clock);
    if (!('fixed' in listed)) return listed;
    let matching = filter;
    if (notYet) {
      const day = isoDateOf(asOf);
      const condemners = await this.past.condemnersAt(asOf, clock, listed, day, countsGeneric(notYet));
      // The file stopped serving between the list and its condemnations: the replay answers both.
      if (condemners === null) return this.readModel.modelAt(asOf, clock);
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
    const history = await this.readModel.history(id);
    if (!history) throw notFound(`No incident with id ${id}`, 'id');
    return history;
  }
}
