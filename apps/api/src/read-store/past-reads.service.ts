import { Inject, Injectable } from '@nestjs/common';
import type { CcmState, IsoDate } from '@app/domain';
import {
  type Clock,
  type Connection,
  type Cut,
  isoDateOf,
  type Keyed,
  listOverview,
  type MatrixCell,
  type OverviewFilter,
  type OverviewIncident,
  overviewSorted,
  type PageArgs,
  type ReportedDetails,
  type SpeakOutFilter,
  type SpeakOutReport,
  type StateTimeline,
} from '@app/projections';
import {
  type FileStatementRows,
  incidentAt,
  type IncidentAtCut,
  type IncidentDateFilter,
  incidentPageAt as datedPageAt,
  overviewIncidents,
  type ReadStore,
  reportIncidentsAt,
  type ReportIncidents,
  responseMatrixAt,
  type SourceAtCut,
  speakOutReportAt,
  type StatementAtCut,
  type StatementFilterAt,
  type StatementPageFilter,
  statementPageAt,
  stateTimelineAt,
} from '@app/read-store';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { assessedPage, CutReads, type IncidentsAtCut, type IncidentsShownAtCut, shownAt } from './cut-reads';
import { ReadStoreService } from './read-store.service';
import { reportRowsLoaded } from './report-rows';

/**
 * The questions about the past, answered from the projection file: incidents, statements, sources and a State's
 * timeline as of a date on either clock; UNAVAILABLE while the file is not serving.
 */
@Injectable()
export class PastReads {
  private readonly cutReads: CutReads;
  private readonly overviews = new WeakMap<ReportIncidents, Keyed<OverviewIncident>[]>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly file: ReadStoreService,
  ) {
    this.cutReads = new CutReads(config.maxQueuedReplays);
  }

  /**
   * The incidents a list, a tally or a map as of `asOf` on `clock` reads: from the projection file, in one pass
   * over its tables.
   */
  async incidentsAt(asOf: Date, clock: Clock): Promise<IncidentsAtCut> {
    const cut = { clock, at: asOf };
    return this.fromFile((file, generation) => this.cutReads.incidents(file, generation, cut));
  }

  /**
   * Who had condemned each of `incidents` (the canonical incidents of the same cut) by `day`, as of `asOf` on
   * `clock`, from the projection file's statements and resolutions.
   */
  condemnersAt(
    asOf: Date,
    clock: Clock,
    incidents: Iterable<{ incidentId: string; details: ReportedDetails }>,
    day: IsoDate,
    countGeneric: boolean,
  ): Promise<Map<string, Set<string>>> {
    const cut = { clock, at: asOf };
    return this.fromFile(async (file, generation) => {
      const rows = await reportRowsLoaded(file);
      if (!file.db.open) return null;
      return this.cutReads.condemners(file, generation, cut, rows, incidents, day, countGeneric);
    });
  }

  /**
   * A page of incidents as of `asOf` on `clock` that needs no status (sorted by date, filtered on details), from
   * the projection file: `list` pages the incidents read before the policy, then the policy runs for the page's
   * own incidents only, on the same rows, read together. Null when the file is not serving.
   */
  incidentPageAt(
    asOf: Date,
    clock: Clock,
    list: (set: IncidentsShownAtCut) => Connection<{ incidentId: string }>,
  ): Promise<Connection<IncidentAtCut>> {
    const cut = { clock, at: asOf };
    return this.fromFile(async (file, generation) => {
      const kept = await this.cutReads.shownIncidents(file, generation, cut);
      if (kept === null || !file.db.open) return null;
      // Kept at an earlier checkpoint when the file moved while this waited: the page is assessed on today's rows.
      const page = list(kept.seq === file.checkpoint().seq ? kept : shownAt(file, cut));
      return assessedPage(file, cut, page);
    });
  }

  /** Every canonical incident as of `asOf` on `clock` as an overview reads it (`overviewPageAt`), sorted by date. */
  overviewAt(asOf: Date, clock: Clock): Promise<readonly Keyed<OverviewIncident>[]> {
    const cut = { clock, at: asOf };
    return this.fromFile(async (file, generation) => {
      const kept = await this.cutReads.reportIncidents(file, generation, cut);
      return kept === null ? null : this.overviewSorted(kept);
    });
  }

  /**
   * A page of incidents as of `asOf` on `clock` sorted by date and filtered on nothing an `OverviewIncident` lacks, and
   * the overview incidents its tally and map count, from the projection file: every incident of the cut as a report
   * reads it (kept per cut), then the policy for the page's own incidents, on the same rows.
   */
  overviewPageAt(
    asOf: Date,
    clock: Clock,
    filter: OverviewFilter,
    args: PageArgs & { descending?: boolean },
  ): Promise<{ page: Connection<IncidentAtCut>; overview: readonly Keyed<OverviewIncident>[] }> {
    const cut = { clock, at: asOf };
    return this.fromFile(async (file, generation) => {
      const before = file.checkpoint().seq;
      const kept = await this.cutReads.reportIncidents(file, generation, cut);
      if (kept === null || !file.db.open) return null;
      return file.db.transaction(() => {
        // Kept at an earlier checkpoint when the file moved while this waited: read again with the page.
        const read = file.checkpoint().seq === before ? kept : reportIncidentsAt(file.db, cut, file.policy);
        const overview = this.overviewSorted(read);
        return { page: assessedPage(file, cut, listOverview(overview, filter, args)), overview };
      })();
    });
  }

  /** The incidents of a report's reading as an overview reads them, sorted: once per reading kept. */
  private overviewSorted(read: ReportIncidents): Keyed<OverviewIncident>[] {
    let sorted = this.overviews.get(read);
    if (sorted === undefined) this.overviews.set(read, (sorted = overviewSorted(overviewIncidents(read))));
    return sorted;
  }

  /**
   * A page of incidents as of `asOf` on `clock` sorted by date and filtered by nothing but dates, from the
   * projection file: SQL finds the page and counts the list (`incidentPageAt` of the file), then the policy runs
   * for the page's own incidents, in the same read transaction; the page is kept until the file moves. Null when the
   * file is not serving.
   */
  datedIncidentPageAt(
    asOf: Date,
    clock: Clock,
    filter: IncidentDateFilter,
    args: PageArgs & { descending?: boolean },
  ): Promise<Connection<IncidentAtCut>> {
    const cut = { clock, at: asOf };
    const what = `dated page|${JSON.stringify([filter, args])}`;
    const read = (file: ReadStore) => () =>
      file.db.transaction(() => assessedPage(file, cut, datedPageAt(file.db, cut, filter, args)))();
    return this.fromFile((file, generation) =>
      Promise.resolve(this.cutReads.page(file, generation, cut, what, read(file))),
    );
  }

  /**
   * One incident as of `asOf` on `clock`, read from the projection file (`incident` null: none then).
   */
  incidentAt(id: string, asOf: Date, clock: Clock): Promise<{ incident: IncidentAtCut | null }> {
    const cut = { clock, at: asOf };
    return this.fromFile((file) => Promise.resolve({ incident: incidentAt(file.db, cut, id, file.policy) }));
  }

  /**
   * The statements by a State or about an incident as of `asOf` on `clock` (unordered: page them with
   * `pageStatements`), read from the projection file; null when the filter is by neither (`statementPageAt`).
   */
  async statementsAt(asOf: Date, clock: Clock, filter: StatementFilterAt): Promise<StatementAtCut[] | null> {
    if (filter.stateCode === undefined && filter.incidentId === undefined) return null;
    const cut = { clock, at: asOf };
    return this.fromFile((file, generation) => this.cutReads.statements(file, generation, cut, filter));
  }

  /**
   * A State's timeline as of `asOf` on `clock` from the projection file: its statements then (kept per cut, as the
   * statements query keeps them), each with the referred incidents' status on the day it spoke, read from the
   * file's rows.
   */
  stateTimelineAt(
    asOf: Date,
    clock: Clock,
    stateCode: string,
    states: readonly CcmState[],
  ): Promise<StateTimeline<StatementAtCut>> {
    const cut = { clock, at: asOf };
    return this.fromFile(async (file, generation) => {
      const before = file.checkpoint().seq;
      const statements = await this.cutReads.statements(file, generation, cut, { stateCode });
      if (statements === null || !file.db.open) return null;
      // Read at an earlier checkpoint when the file moved while this waited: then the statements are read again,
      // with the statuses, from today's rows.
      const same = file.checkpoint().seq === before;
      return stateTimelineAt(file.db, cut, states, stateCode, file.policy, same ? statements : undefined);
    });
  }

  /**
   * A page of every statement `filter` keeps (delivery dates, kinds, venues) as of `asOf` on `clock`, read from the
   * projection file (the page's statements only).
   */
  statementPageAt(
    asOf: Date,
    clock: Clock,
    filter: StatementPageFilter,
    args: PageArgs & { descending?: boolean },
  ): Promise<Connection<StatementAtCut>> {
    const cut = { clock, at: asOf };
    return this.fromFile((file) => Promise.resolve(statementPageAt(file.db, cut, filter, args)));
  }

  /** Every source as of `asOf` on `clock`, read from the projection file. */
  sourcesAt(asOf: Date, clock: Clock): Promise<SourceAtCut[]> {
    const cut = { clock, at: asOf };
    return this.fromFile((file, generation) => this.cutReads.sources(file, generation, cut));
  }

  /**
   * The speak-out report as of `asOf` on `clock` (the day of `asOf` its date), read from the projection file and
   * kept until the file moves.
   */
  speakOutReportAt(
    asOf: Date,
    clock: Clock,
    states: readonly CcmState[],
    filter: SpeakOutFilter,
  ): Promise<SpeakOutReport> {
    const cut = { clock, at: asOf };
    const what = `report|${JSON.stringify(filter)}`;
    return this.withIncidents(cut, (file, generation, rows, incidents) =>
      this.cutReads.page(file, generation, cut, what, () =>
        speakOutReportAt(file.db, cut, file.policy, rows, {
          states,
          filter,
          asOfDate: isoDateOf(asOf),
          incidents,
        }),
      ),
    );
  }

  /** The response matrix as of `asOf` on `clock`, as `speakOutReportAt` reads the report. */
  responseMatrixAt(
    asOf: Date,
    clock: Clock,
    states: readonly CcmState[],
    subjects: { situationIds?: readonly string[]; incidentIds?: readonly string[] },
  ): Promise<{ asOf: string; rows: MatrixCell[] }> {
    const cut = { clock, at: asOf };
    const what = `matrix|${JSON.stringify(subjects)}`;
    return this.withIncidents(cut, (file, generation, rows, incidents) =>
      this.cutReads.page(file, generation, cut, what, () =>
        responseMatrixAt(file.db, cut, file.policy, rows, {
          states,
          subjects,
          asOfDate: isoDateOf(asOf),
          incidents,
        }),
      ),
    );
  }

  /**
   * `read` with the statement rows of the file (once loaded) and the incidents of the cut as a report reads them
   * (kept per cut), when the file has not moved since they were read; else the read reads its own.
   */
  private withIncidents<T>(
    cut: Cut,
    read: (
      file: ReadStore,
      generation: number,
      rows: FileStatementRows,
      incidents: ReportIncidents | undefined,
    ) => T | null,
  ): Promise<T> {
    return this.fromFile(async (file, generation) => {
      const rows = await reportRowsLoaded(file);
      if (!file.db.open) return null;
      const before = file.checkpoint().seq;
      const kept = await this.cutReads.reportIncidents(file, generation, cut);
      if (kept === null || !file.db.open) return null;
      const same = file.checkpoint().seq === before;
      return read(file, generation, rows, same ? kept : undefined);
    });
  }

  /** `read` of the projection file; UNAVAILABLE when it is not serving or was swapped as it read. */
  private async fromFile<T>(read: (file: ReadStore, generation: number) => Promise<T | null>): Promise<T> {
    return this.file.readServing(read);
  }
}
