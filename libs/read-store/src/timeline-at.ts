import type { CcmState, IncidentEvidence, PolicyConfig, StatusOnDate } from '@app/domain';
import { type IncidentStatusSource, type StateTimeline, stateTimeline } from '@app/projections';
import type { Database } from 'better-sqlite3';
import { evidenceDigest, readerFor } from './assessments';
import type { ReadCut } from './cut';
import { BulkRows, KeySetRows } from './cut-rows';
import { EvidenceReader, type IncidentAsOf } from './evidence.reader';
import { SourceGraph } from './source-graph';
import { type StatementAtCut, statementNodesAt } from './statements-at';

/**
 * The statuses on each evidence date an incident's stored live assessment kept, when they hold at the cut: live
 * and not due to be assessed again, or made from the very evidence the incident has at the cut (same digest, same
 * policy version: the policy is pure). Null otherwise: then statusThen works them out.
 */
function keptStatuses(db: Database, cut: ReadCut, policy: PolicyConfig) {
  const stored = db.prepare(
    `SELECT a.evidence_digest AS digest, a.status_on_dates AS dates,
       EXISTS (SELECT 1 FROM dirty_incidents d WHERE d.incident_id = a.incident_id) AS due
     FROM assessments a WHERE a.incident_id = ? AND a.policy_version = ?`,
  );
  return (canonical: string, evidence: () => IncidentEvidence): StatusOnDate[] | null => {
    const row = stored.get(canonical, policy.version) as { digest: string; dates: string; due: number } | undefined;
    if (row === undefined) return null;
    const holds = cut === 'LIVE' ? row.due === 0 : row.digest === evidenceDigest(evidence());
    return holds ? (JSON.parse(row.dates) as StatusOnDate[]) : null;
  };
}

/**
 * The incidents as of a cut as a source for `statusThen`, each read once per source: those of `ids` together
 * (each evidence query once for the set, the cut's sources once), any other alone; with the statuses their stored
 * assessments kept where those hold (`keptStatuses`), else statusThen works out the ones it is asked for. Valid
 * while the tables do not change (one transaction).
 */
export function cutStatusSource(
  db: Database,
  cut: ReadCut,
  policy: PolicyConfig,
  ids: readonly string[] = [],
): IncidentStatusSource {
  const reader =
    ids.length === 0
      ? readerFor(db, cut)
      : new EvidenceReader(new KeySetRows(db, cut, ids).rows, new SourceGraph(new BulkRows(db, cut).rows));
  const kept = keptStatuses(db, cut, policy);
  const read = new Map<string, IncidentAsOf | null>();
  const incident = (canonical: string) => {
    if (!read.has(canonical)) read.set(canonical, reader.read(canonical));
    return read.get(canonical) ?? null;
  };
  return {
    policy,
    cache: new Map(),
    resolve: (id) => {
      const canonical = reader.resolve(id);
      return canonical !== null && incident(canonical) !== null ? canonical : null;
    },
    load: (canonical) => {
      const { evidence } = incident(canonical)!;
      let read: IncidentEvidence | undefined;
      const once = () => (read ??= evidence());
      return { statusOnDates: kept(canonical, once), evidence: once };
    },
  };
}

/**
 * A State's timeline as of a cut from the tables: its statements then (`statements` when the caller holds them
 * already, else read), each with the referred incidents' status on the day it spoke, by the one assembly the
 * replay uses. In one read transaction, so one snapshot.
 */
export function stateTimelineAt(
  db: Database,
  cut: ReadCut,
  states: readonly CcmState[],
  stateCode: string,
  policy: PolicyConfig,
  statements?: readonly StatementAtCut[],
): StateTimeline<StatementAtCut> {
  const read = () => {
    const spoken = statements ?? statementNodesAt(db, cut, { stateCode }) ?? [];
    const named = [...new Set(spoken.flatMap((s) => s.canonicalIncidentIds))];
    return stateTimeline(spoken, cutStatusSource(db, cut, policy, named), states, stateCode);
  };
  return db.inTransaction ? read() : db.transaction(read)();
}
