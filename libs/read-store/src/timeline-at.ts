import type { CcmState, PolicyConfig } from '@app/domain';
import { type IncidentStatusSource, type StateTimeline, stateTimeline } from '@app/projections';
import type { Database } from 'better-sqlite3';
import { readerFor } from './assessments';
import type { ReadCut } from './cut';
import { BulkRows, KeySetRows } from './cut-rows';
import { EvidenceReader, type IncidentAsOf } from './evidence.reader';
import { SourceGraph } from './source-graph';
import { type StatementAtCut, statementNodesAt } from './statements-at';

/**
 * The incidents as of a cut as a source for `statusThen`, each read once per source: those of `ids` together
 * (each evidence query once for the set, the cut's sources once), any other alone; statusThen works out the
 * statuses it is asked for. Valid while the tables do not change (one transaction).
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
    load: (canonical) => ({ statusOnDates: null, evidence: incident(canonical)!.evidence }),
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
