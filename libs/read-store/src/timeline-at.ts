import type { CcmState, PolicyConfig } from '@app/domain';
import { type IncidentStatusSource, type StateTimeline, stateTimeline } from '@app/projections';
import type { Database } from 'better-sqlite3';
import { readerFor } from './assessments';
import type { ReadCut } from './cut';
import type { IncidentAsOf } from './evidence.reader';
import { type StatementAtCut, statementNodesAt } from './statements-at';

/**
 * The incidents as of a cut as a source for `statusThen`: one incident at a time (keyed reads), each read once
 * per source; statusThen works out the statuses it is asked for. Valid while the tables do not change (one
 * transaction).
 */
export function cutStatusSource(db: Database, cut: ReadCut, policy: PolicyConfig): IncidentStatusSource {
  const reader = readerFor(db, cut);
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
  const read = () =>
    stateTimeline(
      statements ?? statementNodesAt(db, cut, { stateCode }) ?? [],
      cutStatusSource(db, cut, policy),
      states,
      stateCode,
    );
  return db.inTransaction ? read() : db.transaction(read)();
}
