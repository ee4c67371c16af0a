import { Injectable } from '@nestjs/common';
import type { CcmState, IsoDate } from '@app/domain';
import {
  type Connection,
  type IncidentPageArgs,
  isoDateOf,
  type MatrixCell,
  type PageArgs,
  type SpeakOutFilter,
  type SpeakOutReport,
  type StatementFilter,
  type StateTimeline,
  type ScopeLevel,
} from '@app/projections';
import {
  condemnersAt,
  type CorroborationFields,
  latestEvidenceDateOf,
  type InvestigationNow,
  liveIncidentInvestigations,
  liveIncidentStatements,
  liveReferring,
  type LiveReferring,
  liveInvestigation,
  liveIncident,
  type LiveIncident,
  type LiveIncidentFilter,
  liveIncidentPage,
  liveStatementPage,
  type ReadStore,
  responseMatrixAt,
  speakOutReportAt,
  type SituationNow,
  liveSituations,
  type SourceAtCut,
  sourcesAt,
  type StatementAtCut,
  statementAt,
  statementPageAt,
  stateTimelineAt,
} from '@app/read-store';
import { type AtCheckpoint, stateSubject } from './at-checkpoint';
import type { IncidentsAtCut } from './cut-reads';
import { incidentsNow, patchIncidentsNow } from './incidents-now';
import { liveOverview, type LiveOverview } from './live-overview';
import { ReadStoreService } from './read-store.service';
import { reportRowsLoaded } from './report-rows';

/**
 * The questions about now, answered from the projection file's live rows: the assessment and history the fold
 * stored, never the policy run on a read. UNAVAILABLE while the file is not serving (see `fromFile`).
 */
@Injectable()
export class LiveReads {
  constructor(private readonly file: ReadStoreService) {}

  /**
   * The incident `id` resolves to now (`incident` null: none), with those `fields` of its corroborations; kept
   * across live pages that marked neither `id` nor the incident it resolves to.
   */
  incident(id: string, fields: CorroborationFields | null): { incident: LiveIncident | null } {
    return this.fromFile((file, kept) =>
      kept.getAbout(
        file,
        `incident|${JSON.stringify(fields)}|${id}`,
        ({ incident }) => (incident === null ? [id] : [id, incident.incidentId]),
        () => ({ incident: liveIncident(file.db, id, file.policy, fields) }),
      ),
    );
  }

  /**
   * A page of the canonical incidents now, as `listIncidents` pages them, and with `overview` every incident the
   * filter keeps (what a tally and a map count), read together.
   */
  incidentPage(
    filter: LiveIncidentFilter,
    args: IncidentPageArgs,
    overview: boolean,
  ): { page: Connection<LiveIncident>; matched: LiveOverview | null } {
    return this.fromFile((file, kept) =>
      file.db.transaction(() => {
        const page = kept.get(file, `page|${JSON.stringify([filter, args])}`, () =>
          liveIncidentPage(file.db, filter, args, file.policy),
        );
        const matched = overview ? liveOverview(kept, file, filter) : null;
        return page === null || (overview && matched === null) ? null : { page, matched };
      })(),
    );
  }

  /**
   * A page of the statements `selection` keeps now, as `listStatements` pages them: by State or incident (or both),
   * a keyset walk of that State's speaker rows or that incident's target rows and a count (`liveStatementPage`);
   * by neither (filtered by delivery dates, kinds and venues or not), one walk of the delivery-date index and a
   * count. Null when the file cannot answer.
   */
  statementPage(selection: StatementFilter, args: PageArgs & { descending?: boolean }): Connection<StatementAtCut> {
    const { from, to, kind, venue } = selection;
    const listed = selection.stateCode !== undefined || selection.incidentId !== undefined;
    return this.fromFile((file, kept) =>
      listed
        ? kept.get(file, `statements by|${JSON.stringify([selection, args])}`, () =>
            liveStatementPage(file.db, selection, args),
          )
        : kept.get(file, `statements|${JSON.stringify([{ from, to, kind, venue }, args])}`, () =>
            statementPageAt(file.db, 'LIVE', { from, to, kind, venue }, args),
          ),
    );
  }

  /** Every source now, in registration order */
  sources(): SourceAtCut[] {
    return this.fromFile((file, kept) => kept.get(file, 'sources', () => sourcesAt(file.db, 'LIVE')));
  }

  /** Every situation now, in registration order, with its incidents */
  situations(): SituationNow[] {
    return this.fromFile((file, kept) => kept.get(file, 'situations', () => liveSituations(file.db)));
  }

  /** The statement `id` now (`statement` null: none) */
  statement(id: string): { statement: StatementAtCut | null } {
    return this.fromFile((file, kept) =>
      kept.get(file, `statement|${id}`, () => ({ statement: statementAt(file.db, 'LIVE', id) })),
    );
  }

  /** The investigation `id` now (`investigation` null: none) */
  investigation(id: string): { investigation: InvestigationNow | null } {
    return this.fromFile((file, kept) =>
      kept.get(file, `investigation|${id}`, () => ({ investigation: liveInvestigation(file.db, id) })),
    );
  }

  /** The investigations of the incident `id` resolves to now, as it lists them */
  incidentInvestigations(id: string): InvestigationNow[] {
    return this.fromFile((file, kept) =>
      kept.get(file, `incident investigations|${id}`, () => liveIncidentInvestigations(file.db, id)),
    );
  }

  /** The statements naming the incident `id` resolves to now, as it lists them */
  incidentStatements(id: string): StatementAtCut[] {
    return this.fromFile((file, kept) =>
      kept.get(file, `incident statements|${id}`, () => liveIncidentStatements(file.db, id)),
    );
  }

  /**
   * The statements and resolutions covering the incident `id` resolves to now at `scopes`, lags from `from` (its
   * first confirmation)
   */
  referring(id: string, scopes: readonly ScopeLevel[], from: string | null): LiveReferring {
    return this.fromFile((file, kept) =>
      kept.get(file, `referring|${id}|${scopes.join()}|${from}`, () => liveReferring(file.db, id, scopes, from)),
    );
  }

  /** The speak-out report now, from the file's rows (once loaded: the first report after start waits for them). */
  async speakOutReport(states: readonly CcmState[], filter: SpeakOutFilter): Promise<SpeakOutReport> {
    const rows = await reportRowsLoaded(this.file.serving);
    return this.fromFile((file, kept) =>
      kept.get(file, `report|${JSON.stringify(filter)}`, () =>
        speakOutReportAt(file.db, 'LIVE', file.policy, rows, { states, filter }),
      ),
    );
  }

  /** The response matrix now, from the file's rows (once loaded). */
  async responseMatrix(
    states: readonly CcmState[],
    subjects: { situationIds?: readonly string[]; incidentIds?: readonly string[] },
  ): Promise<{ asOf: string; rows: MatrixCell[] }> {
    const rows = await reportRowsLoaded(this.file.serving);
    return this.fromFile((file, kept) =>
      kept.get(file, `matrix|${JSON.stringify(subjects)}`, () =>
        responseMatrixAt(file.db, 'LIVE', file.policy, rows, { states, subjects }),
      ),
    );
  }

  /**
   * A State's timeline now (the statuses from the stored assessments' dates), kept until a live page records or
   * corrects a statement of that State, or marks an incident its statements name.
   */
  stateTimeline(stateCode: string, states: readonly CcmState[]): StateTimeline<StatementAtCut> {
    return this.fromFile((file, kept) =>
      kept.getAbout(
        file,
        `timeline|${stateCode}`,
        (timeline) => [
          stateSubject(stateCode),
          ...timeline.entries.flatMap((e) =>
            e.incidents.flatMap((i) => [i.incidentId, i.canonicalIncidentId ?? i.incidentId]),
          ),
        ],
        () => stateTimelineAt(file.db, 'LIVE', states, stateCode, file.policy),
      ),
    );
  }

  /**
   * Every canonical incident now (their stored assessments: no policy run) and who has condemned each by `day`, the
   * latest evidence date (the day a question about now speaks for, as the report's): the incidents kept across live
   * pages, patched with those they marked; who condemned them kept until the file moves, counted over the report's
   * statement rows (once loaded).
   */
  async condemnedNow(countGeneric: boolean): Promise<{
    incidents: IncidentsAtCut;
    day: IsoDate;
    condemners: Map<string, Set<string>>;
  }> {
    const rows = await reportRowsLoaded(this.file.serving);
    return this.fromFile((file, kept) => {
      const incidents = kept.getPatched(
        file,
        'incidents',
        () => incidentsNow(file),
        (before, marked) => patchIncidentsNow(file, before, marked),
      );
      const day = latestEvidenceDateOf(file.db) ?? isoDateOf(new Date());
      const condemners = kept.get(file, `condemners|${day}|${countGeneric}`, () =>
        condemnersAt(file.db, 'LIVE', rows, incidents.incidents.values(), day, countGeneric),
      );
      return { incidents, day, condemners };
    });
  }

  /**
   * `read` of the file as it is now (a mutation's write is in it: the executor waited for it); UNAVAILABLE while the
   * file is not serving, or when `read` finds it cannot answer (null: an incident due to be assessed, never seen
   * between live pages, which assess what they fold).
   */
  fromFile<T>(read: (file: ReadStore, kept: AtCheckpoint) => T | null): T {
    return this.file.readNow((file) => read(file, this.file.liveKept));
  }
}
