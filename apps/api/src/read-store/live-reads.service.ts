import { Inject, Injectable, Optional } from '@nestjs/common';
import type { CcmState } from '@app/domain';
import type {
  Connection,
  IncidentPageArgs,
  MatrixCell,
  PageArgs,
  SpeakOutFilter,
  SpeakOutReport,
  StatementFilter,
  ScopeLevel,
} from '@app/projections';
import {
  type CorroborationFields,
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
} from '@app/read-store';
import { ReadModelService } from '../read-model/read-model.service';
import type { AtCheckpoint } from './at-checkpoint';
import { liveOverview, type LiveOverview } from './live-overview';
import { ReadStoreService } from './read-store.service';
import { reportRowsOf } from './report-rows';

/**
 * The questions about now, answered from the projection file's live rows: the assessment and history the fold
 * stored, never the policy run on a read. The file answers only when it shows exactly the events the live model
 * shows; otherwise (not serving, a page of events behind, as right after a write) null at once, and the caller
 * asks the in-memory model, which has folded every write a mutation answered for (read-your-writes).
 */
@Injectable()
export class LiveReads {
  constructor(
    private readonly readModel: ReadModelService,
    /** The projection file, when this context keeps one (the service does; the CLI does not). */
    @Optional() @Inject(ReadStoreService) private readonly file: ReadStoreService | null = null,
  ) {}

  /**
   * The incident `id` resolves to now (`incident` null: none), with those `fields` of its corroborations;
   * null when the file cannot answer.
   */
  incident(id: string, fields: CorroborationFields | null): { incident: LiveIncident | null } | null {
    return this.fromFile((file, kept) =>
      kept.get(file, `incident|${JSON.stringify(fields)}|${id}`, () => ({
        incident: liveIncident(file.db, id, file.policy, fields),
      })),
    );
  }

  /**
   * A page of the canonical incidents now, as `listIncidents` pages the live model, and with `overview` every
   * incident the filter keeps (what a tally and a map count), read together; null when the file cannot answer (or
   * an incident is due to be assessed: see liveIncidentPage).
   */
  incidentPage(
    filter: LiveIncidentFilter,
    args: IncidentPageArgs,
    overview: boolean,
  ): { page: Connection<LiveIncident>; matched: LiveOverview | null } | null {
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
   * count, where the model scans every statement. Null when the file cannot answer.
   */
  statementPage(
    selection: StatementFilter,
    args: PageArgs & { descending?: boolean },
  ): Connection<StatementAtCut> | null {
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

  /** Every source now, in registration order (as the model holds them); null when the file cannot answer. */
  sources(): SourceAtCut[] | null {
    return this.fromFile((file, kept) => kept.get(file, 'sources', () => sourcesAt(file.db, 'LIVE')));
  }

  /** Every situation now, in registration order, with its incidents; null when the file cannot answer. */
  situations(): SituationNow[] | null {
    return this.fromFile((file, kept) => kept.get(file, 'situations', () => liveSituations(file.db)));
  }

  /** The statement `id` now (`statement` null: none); null when the file cannot answer. */
  statement(id: string): { statement: StatementAtCut | null } | null {
    return this.fromFile((file, kept) =>
      kept.get(file, `statement|${id}`, () => ({ statement: statementAt(file.db, 'LIVE', id) })),
    );
  }

  /** The investigation `id` now (`investigation` null: none); null when the file cannot answer. */
  investigation(id: string): { investigation: InvestigationNow | null } | null {
    return this.fromFile((file, kept) =>
      kept.get(file, `investigation|${id}`, () => ({ investigation: liveInvestigation(file.db, id) })),
    );
  }

  /** The investigations of the incident `id` resolves to now, as it lists them; null when the file cannot answer. */
  incidentInvestigations(id: string): InvestigationNow[] | null {
    return this.fromFile((file, kept) =>
      kept.get(file, `incident investigations|${id}`, () => liveIncidentInvestigations(file.db, id)),
    );
  }

  /** The statements naming the incident `id` resolves to now, as it lists them; null when the file cannot answer. */
  incidentStatements(id: string): StatementAtCut[] | null {
    return this.fromFile((file, kept) =>
      kept.get(file, `incident statements|${id}`, () => liveIncidentStatements(file.db, id)),
    );
  }

  /**
   * The statements and resolutions covering the incident `id` resolves to now at `scopes`, lags from `from` (its
   * first confirmation); null when the file cannot answer.
   */
  referring(id: string, scopes: readonly ScopeLevel[], from: string | null): LiveReferring | null {
    return this.fromFile((file, kept) =>
      kept.get(file, `referring|${id}|${scopes.join()}|${from}`, () => liveReferring(file.db, id, scopes, from)),
    );
  }

  /** The speak-out report now, from the file's rows; null when the file cannot answer or its rows still load. */
  speakOutReport(states: readonly CcmState[], filter: SpeakOutFilter): SpeakOutReport | null {
    return this.fromFile((file, kept) => {
      const rows = reportRowsOf(file);
      if (rows === null) return null;
      return kept.get(file, `report|${JSON.stringify(filter)}`, () =>
        speakOutReportAt(file.db, 'LIVE', file.policy, rows, { states, filter }),
      );
    });
  }

  /** The response matrix now, from the file's rows; null when the file cannot answer. */
  responseMatrix(
    states: readonly CcmState[],
    subjects: { situationIds?: readonly string[]; incidentIds?: readonly string[] },
  ): { asOf: string; rows: MatrixCell[] } | null {
    return this.fromFile((file, kept) => {
      const rows = reportRowsOf(file);
      if (rows === null) return null;
      return kept.get(file, `matrix|${JSON.stringify(subjects)}`, () =>
        responseMatrixAt(file.db, 'LIVE', file.policy, rows, { states, subjects }),
      );
    });
  }

  /** `read` of the file when it shows exactly what the live model shows; else null, and the model answers. */
  fromFile<T>(read: (file: ReadStore, kept: AtCheckpoint) => T | null): T | null {
    const service = this.file;
    if (service === null) return null;
    return service.readInStep(this.readModel.model.checkpoint, (file) => read(file, service.liveKept)) ?? null;
  }
}
