import { confirmationOf, latestEvidenceDate, readinessOf } from '@app/domain';
import type {
  CcmState,
  IncidentEvidence,
  IsoDate,
  PolicyConfig,
  StatementKind,
  StatementScope,
  Vote,
} from '@app/domain';
import {
  type OverviewIncident,
  type ReportedIncident,
  type ReportSource,
  type ResolutionHeard,
  reportStatus,
  type SpeakOutFilter,
  type SpeakOutReport,
  type StatusThen,
  responseMatrix,
  speakOutReport,
} from '@app/projections';
import type { Database } from 'better-sqlite3';
import { type ReadCut, cutParams, kindOf, within } from './cut';
import { BulkRows, KeySetRows } from './cut-rows';
import { EvidenceReader } from './evidence.reader';
import { incidentResolver } from './incident-resolution';
import { type KnownBefore, type StoredStatusesAt, storedStatusesAt } from './assessments';
import { type IncidentAtCut, resultsAt } from './incidents-at';
import { EVIDENCE } from './evidence.queries';
import { SourceGraph } from './source-graph';
import type { FileStatementRows } from './statement-rows';

interface ResolutionRow {
  resolution_id: string;
  symbol: string;
  kind: StatementKind;
  scope: string | null;
  adopted_on: IsoDate;
  votes: string;
  incidents: string;
}

/** The resolutions adopted within the cut, in fold order, with their votes and the incidents they name. */
const RESOLUTIONS = (cut: ReadCut) =>
  `SELECT r.resolution_id, r.symbol, r.kind, r.scope, r.evidence_date AS adopted_on,
     (SELECT json_group_array(json_array(v.state_code, v.vote)) FROM resolution_votes v
       WHERE v.resolution_id = r.resolution_id) AS votes,
     (SELECT json_group_array(t.target) FROM resolution_targets t
       WHERE t.resolution_id = r.resolution_id AND t.kind = 'INCIDENT') AS incidents
   FROM resolutions r WHERE ${within(kindOf(cut), 'r')} ORDER BY r.seq`;

function resolutionsAt(db: Database, cut: ReadCut): (lastDay: IsoDate) => ResolutionHeard[] {
  const rows = db.prepare(RESOLUTIONS(cut)).all(cutParams(cut)) as ResolutionRow[];
  const heard = rows.map((r): ResolutionHeard => {
    const votes = (JSON.parse(r.votes) as [string, Vote][]).map(([stateCode, vote]) => ({ stateCode, vote }));
    return {
      utterance: {
        kind: r.kind,
        on: r.adopted_on,
        speakers: votes.filter((v) => v.vote === 'YES').map((v) => v.stateCode),
        incidentIds: JSON.parse(r.incidents) as string[],
        scope: r.scope === null ? undefined : (JSON.parse(r.scope) as StatementScope),
        statementId: null,
        resolutionId: r.resolution_id,
      },
      votes,
      symbol: r.symbol,
    };
  });
  return (lastDay) => heard.filter((r) => r.utterance.on <= lastDay);
}

/**
 * The canonical incidents of a cut as a report reads them: what they match filters on, and each one's status then
 * with the day it was first CONFIRMED by then.
 */
export interface ReportIncidents {
  readonly incidents: readonly ReportedIncident[];
  statusOf(incidentId: string): StatusThen;
  /**
   * A date none of the incident's rows within the cut is dated after (null: none dated), where known without reading
   * them again: their latest evidence date when they were read to assess it, the stored bound or the cut's day when
   * the stored statuses answered (see StoredStatusesAt); undefined otherwise (the stored live bound then says).
   */
  latestEvidenceOf(incidentId: string): IsoDate | null | undefined;
}

/**
 * `ReportIncidents` of a cut, from the file: as `incidentsAt` reads them, with only what a report reads of their
 * details (`EVIDENCE.reported`), and only a status and a date taken of each stored live assessment that holds at the
 * cut, and of the policy's answer for the others.
 */
export function reportIncidentsAt(db: Database, cut: ReadCut, policy: PolicyConfig): ReportIncidents {
  const latest = new Map<string, IsoDate | null>();
  let stored: StoredStatusesAt | undefined;
  const assess = (evidence: IncidentEvidence) => {
    latest.set(evidence.incidentId, latestEvidenceDate(evidence));
    return statusThen(evidence, policy, undefined, stored?.known.get(evidence.incidentId));
  };
  const read = resultsAt(
    db,
    cut,
    (ids) => (stored = storedStatusesAt(db, cut, policy, ids)).statuses,
    assess,
    EVIDENCE.reported,
  );
  const statuses = new Map(read.map(({ incident, result }) => [incident.incidentId, result]));
  const latestStored = stored?.latestEvidence;
  return {
    incidents: read.map(({ incident: { incidentId, details } }): ReportedIncident => ({ incidentId, details })),
    statusOf: (id) => statuses.get(id)!,
    latestEvidenceOf: (id) => (latestStored?.has(id) ? latestStored.get(id) : latest.get(id)),
  };
}

/**
 * The incidents of a cut as a tally, a map and a list sorted by date read them (`OverviewIncident`), from what a
 * report reads of them: each one's status then, and the readiness it gives.
 */
export function overviewIncidents(read: ReportIncidents): OverviewIncident[] {
  return read.incidents.map(({ incidentId, details }) => {
    const { status } = read.statusOf(incidentId);
    return { incidentId, details, assessment: { status, readiness: readinessOf(status) } };
  });
}

/**
 * What a report reads of the policy's answer on `day` (default: on all the evidence); `known`: the first confirmation
 * before a date, where stored statuses tell it.
 */
function statusThen(evidence: IncidentEvidence, policy: PolicyConfig, day?: IsoDate, known?: KnownBefore): StatusThen {
  return confirmationOf(evidence, policy, day, known);
}

/** `ReportIncidents` of the incidents a list as of the same cut read (`incidentsAt`). */
export function reportIncidentsOf(listed: readonly IncidentAtCut[]): ReportIncidents {
  const byId = new Map(listed.map((i) => [i.incidentId, i]));
  return {
    incidents: listed,
    statusOf: (id) => {
      const { assessment, statusHistory } = byId.get(id)!;
      return reportStatus(assessment.status, statusHistory);
    },
    latestEvidenceOf: () => undefined,
  };
}

/**
 * Each incident's status on `day`: as assessed at the cut, or, when some of its evidence is dated after the day
 * (a RECORDED cut holds facts dated later than its own day), the policy again as of the day, as a report on a
 * replay does.
 */
function statusesOn(
  db: Database,
  cut: ReadCut,
  policy: PolicyConfig,
  incidents: readonly ReportedIncident[],
  atCut: ReportIncidents,
  day: IsoDate,
): StatusThen[] {
  // Read again only where evidence within the cut may be dated after the day: as read to assess it when it was (on
  // a RECORDED cut, few: recording lags evidence), else as the stored live bound says (read once, if needed).
  let bounds: Map<string, string | null> | undefined;
  const storedBound = (id: string) =>
    (bounds ??= new Map(
      db
        .prepare('SELECT incident_id, latest_evidence_date FROM assessments WHERE policy_version = ?')
        .raw()
        .all(policy.version) as [string, string | null][],
    )).get(id) ?? '9999-12-31';
  const latestOf = (id: string) => {
    const read = atCut.latestEvidenceOf(id);
    return read !== undefined ? read : storedBound(id);
  };
  const later = incidents
    .map((i) => i.incidentId)
    .filter((id) => {
      const latest = latestOf(id);
      return latest !== null && latest > day;
    });
  const again = new Map<string, StatusThen>();
  if (later.length > 0) {
    const reader = new EvidenceReader(new KeySetRows(db, cut, later).rows, new SourceGraph(new BulkRows(db, cut).rows));
    for (const id of later) {
      const evidence = reader.read(id)?.evidence();
      const latest = evidence === undefined ? null : latestEvidenceDate(evidence);
      if (evidence === undefined || latest === null || latest <= day) continue;
      again.set(id, statusThen(evidence, policy, day));
    }
  }
  return incidents.map((i) => again.get(i.incidentId) ?? atCut.statusOf(i.incidentId));
}

/** The latest evidence date folded: the day a question about now speaks for (null: nothing dated yet). */
export const latestEvidenceDateOf = (db: Database): IsoDate | null =>
  (db.prepare('SELECT evidence_date FROM latest_evidence').pluck().get() as IsoDate | undefined) ?? null;

/**
 * The registry as of a cut as a report reads it, from the projection file: the canonical incidents then with
 * their status (`reportIncidentsAt`), merges then (`incidentResolver`), the statements then (`rows.at`), the
 * resolutions adopted within it. Made within a read transaction; `rows` must be in step with the file (`follow`).
 * `known`: the report's incidents of the same cut and checkpoint when the caller has them already (a list as of
 * the same date read them: `reportIncidentsOf`).
 */
export function reportSourceAt(
  db: Database,
  cut: ReadCut,
  policy: PolicyConfig,
  rows: FileStatementRows,
  known?: ReportIncidents,
): ReportSource {
  const latest = latestEvidenceDateOf(db);
  const day = cut === 'LIVE' ? null : cutParams(cut).day;
  const atCut = known ?? reportIncidentsAt(db, cut, policy);
  return {
    latestEvidenceDate: day === null || (latest !== null && latest < day) ? latest : day,
    incidents: () => atCut.incidents,
    statusesOn: (matched, asOfDate) => {
      // On the KNOWN clock nothing after the day is within the cut; without a date, the status as assessed.
      if (asOfDate === undefined || (cut !== 'LIVE' && cut.clock === 'KNOWN' && asOfDate >= day!))
        return matched.map((i) => atCut.statusOf(i.incidentId));
      return statusesOn(db, cut, policy, matched, atCut, asOfDate);
    },
    resolveIncidentId: incidentResolver(db, cut, new BulkRows(db, cut).rows),
    statements: rows.at(cut),
    resolutions: resolutionsAt(db, cut),
  };
}

/** The speak-out report as of a cut (`asOfDate`: the cut's day; none: now), read from the file in one snapshot. */
export function speakOutReportAt(
  db: Database,
  cut: ReadCut,
  policy: PolicyConfig,
  rows: FileStatementRows,
  report: {
    states: readonly CcmState[];
    filter?: SpeakOutFilter;
    asOfDate?: IsoDate;
    incidents?: ReportIncidents;
  },
): SpeakOutReport {
  return db.transaction(() => {
    rows.follow();
    const source = reportSourceAt(db, cut, policy, rows, report.incidents);
    return speakOutReport(source, report.states, report.filter, report.asOfDate);
  })();
}

/** The response matrix as of a cut, read from the file in one snapshot (one source for every subject). */
export function responseMatrixAt(
  db: Database,
  cut: ReadCut,
  policy: PolicyConfig,
  rows: FileStatementRows,
  matrix: {
    states: readonly CcmState[];
    subjects: { situationIds?: readonly string[]; incidentIds?: readonly string[] };
    asOfDate?: IsoDate;
    incidents?: ReportIncidents;
  },
): ReturnType<typeof responseMatrix> {
  return db.transaction(() => {
    rows.follow();
    const source = reportSourceAt(db, cut, policy, rows, matrix.incidents);
    return responseMatrix(source, matrix.states, matrix.subjects, matrix.asOfDate);
  })();
}
