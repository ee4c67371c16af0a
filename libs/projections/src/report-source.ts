import { assessWithHistory, latestEvidenceDate } from '@app/domain';
import type { IsoDate, Status, StatusChange, Vote } from '@app/domain';
import { type ReportedDetails, type Utterance, resolutionUtterances } from './coverage';
import { milestonesOf } from './dates';
import { buildEvidence } from './evidence';
import type { IncidentView, RegistryModel, StatementView } from './model';
import { resolveIncidentId } from './model';
import { ModelStatementRows } from './model-statement-rows';

/** What a report reads of one statement it looks at closely (a scoped one, or one it names). */
export type StatementRowView = Pick<
  StatementView,
  'statementId' | 'kind' | 'deliveredOn' | 'speakers' | 'incidentIds' | 'scope'
>;

/**
 * The statements of a cut as a report scans them: a row each, in recording order, its values as small numbers
 * (days since 1970, kind codes, incident and State numbers). The projection file's columns and the model's
 * statements (`ModelStatementRows`) both read this way, so the scan is written once.
 */
export interface StatementRows {
  readonly length: number;
  /** Incident ids and State codes by number. */
  readonly incidentIds: readonly string[];
  readonly stateCodes: readonly string[];
  /** Rows of statements with a scope beyond their incidents (situations, an alleged user, generic). */
  readonly scoped: ReadonlySet<number>;
  /** The delivery day, ABSENT_DAY when outside the cut. */
  dayOf(row: number): number;
  /** The kind code (the index in STATEMENT_KINDS). */
  kindOf(row: number): number;
  statementIdOf(row: number): string;
  view(row: number): StatementRowView;
  incidentNumbersInto(row: number, out: number[]): number;
  speakersInto(row: number, out: number[]): number;
  soleSpeaker(row: number): number;
}

/** A resolution as its YES voters' utterance, with every State's vote. */
export interface ResolutionHeard {
  utterance: Utterance;
  votes: readonly { stateCode: string; vote: Vote }[];
  symbol: string;
}

/** What a report reads of an incident before its status: which incident, and what it matches filters on. */
export interface ReportedIncident {
  incidentId: string;
  details: ReportedDetails;
}

/**
 * An incident's status on a day (a report's date, a cut's): the status then, and when first CONFIRMED by then. What a
 * report, a tally and a map read of the policy's answer.
 */
export interface StatusThen {
  status: Status;
  confirmedOn: IsoDate | null;
}

/** `StatusThen` of a status and the history that led to it. */
export const reportStatus = (status: Status, history: StatusChange[]): StatusThen => ({
  status,
  confirmedOn: milestonesOf({ statusHistory: history }).confirmedOn,
});

/**
 * What the speak-out report and the response matrix read of the registry as of a cut: the projection file
 * (`@app/read-store`), or an in-memory model (the oracle specs' replays, the command line's fold).
 */
export interface ReportSource {
  /** The date a report speaks for when none is asked. */
  readonly latestEvidenceDate: IsoDate | null;
  /** Every canonical incident at the cut (merged duplicates left out, withdrawn ones kept). */
  incidents(): Iterable<ReportedIncident>;
  /** Each incident's status on `asOfDate` (default: as assessed at the cut). */
  statusesOn(incidents: readonly ReportedIncident[], asOfDate: IsoDate | undefined): StatusThen[];
  /** An incident id as the registry resolved it at the cut (merged duplicates to their incident). */
  resolveIncidentId(id: string): string;
  readonly statements: StatementRows;
  /** The resolutions adopted by `lastDay`, in the order recorded. */
  resolutions(lastDay: IsoDate): ResolutionHeard[];
}

/**
 * The in-memory model as a report's source. An incident's status on the report date: as assessed when all its
 * evidence is dated on or before it, else the policy runs again as of the date.
 */
export function modelReportSource(model: RegistryModel): ReportSource {
  const statusOn = (incident: IncidentView, asOfDate: IsoDate | undefined): StatusThen => {
    if (asOfDate !== undefined) {
      const evidence = buildEvidence(model, incident);
      const latest = latestEvidenceDate(evidence);
      if (latest !== null && latest > asOfDate) {
        const then = assessWithHistory(evidence, model.policy, asOfDate);
        return reportStatus(then.assessment.status, then.history);
      }
    }
    return reportStatus(incident.assessment.status, incident.statusHistory);
  };
  return {
    latestEvidenceDate: model.latestEvidenceDate,
    *incidents() {
      for (const incident of model.incidents.values()) if (!incident.mergedInto) yield incident;
    },
    statusesOn: (incidents, asOfDate) => incidents.map((i) => statusOn(model.incidents.get(i.incidentId)!, asOfDate)),
    resolveIncidentId: (id) => resolveIncidentId(model, id),
    statements: new ModelStatementRows(model.statements),
    resolutions: (lastDay) => resolutionUtterances(model, lastDay),
  };
}

/** A report's source: a model is read through `modelReportSource`. */
export type ReportInput = RegistryModel | ReportSource;

export const reportSourceOf = (input: ReportInput): ReportSource =>
  'statusesOn' in input ? input : modelReportSource(input);
