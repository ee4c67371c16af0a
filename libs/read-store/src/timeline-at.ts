import type { CcmState, PolicyConfig, StatusOnDate } from '@app/domain';
import { type IncidentStatusSource, type StateTimeline, stateTimeline } from '@app/projections';
import type { Database } from 'better-sqlite3';
import { readerFor, type StoredStatuses, storedStatusOnDates } from './assessments';
import type { ReadCut } from './cut';
import { BulkRows, KeySetRows } from './cut-rows';
import { EvidenceReader, type IncidentAsOf } from './evidence.reader';
import { SourceGraph } from './source-graph';
import { type StatementAtCut, statementNodesAt } from './statements-at';

/**
 * The incidents as of a cut as a source for `statusThen`. Where an incident's stored live assessment holds at the
 * cut (current, and every row its reading touched within the cut: `boundsWithin`), the cut reads the live evidence,
 * so the statuses on each evidence date that assessment kept are the policy's at the cut, on any day: taken with no
 * evidence read. Only the others' evidence is read (those of `ids`, the canonical incidents the caller will ask
 * about, together: `KeySetRows`, the cut's sources once; any other alone), and statusThen works out their statuses.
 * `ids` are resolved together too. Valid while the tables do not change (one transaction).
 */
export function cutStatusSource(
  db: Database,
  cut: ReadCut,
  policy: PolicyConfig,
  ids: readonly string[] = [],
): IncidentStatusSource {
  const held = new Map<string, StatusOnDate[] | null>();
  const heldOf = (stored: StoredStatuses | undefined) => (stored?.holdsAt(cut) ? stored.dates() : null);
  for (const [id, stored] of storedStatusOnDates(db, policy, ids)) held.set(id, heldOf(stored));
  const kept = (canonical: string): StatusOnDate[] | null => {
    if (!held.has(canonical)) held.set(canonical, heldOf(storedStatusOnDates(db, policy, [canonical]).get(canonical)));
    return held.get(canonical)!;
  };
  const unheld = ids.filter((id) => kept(id) === null);
  const reader =
    unheld.length === 0
      ? readerFor(db, cut)
      : new EvidenceReader(new KeySetRows(db, cut, unheld).rows, new SourceGraph(new BulkRows(db, cut).rows));
  // Resolving reads only the incidents' own rows (and their merges): one query for every id of `ids`.
  const resolver = ids.length === 0 ? reader : new EvidenceReader(new KeySetRows(db, cut, ids).rows);
  const read = new Map<string, IncidentAsOf | null>();
  const incident = (canonical: string) => {
    if (!read.has(canonical)) read.set(canonical, reader.read(canonical));
    return read.get(canonical) ?? null;
  };
  return {
    policy,
    cache: new Map(),
    resolve: (id) => {
      const canonical = resolver.resolve(id);
      // A held assessment's reading read the incident's rows and its version 0 within the cut: it exists then.
      return canonical !== null && (kept(canonical) !== null || incident(canonical) !== null) ? canonical : null;
    },
    load: (canonical) => ({
      statusOnDates: kept(canonical),
      // Read for a held incident only on a day before its first evidence date (the kept statuses start there).
      evidence: () => incident(canonical)!.evidence(),
    }),
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
