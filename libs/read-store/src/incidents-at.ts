import { assessWithHistory } from '@app/domain';
import type { Assessment, IncidentDetails, IncidentEvidence, IsoDate, PolicyConfig, StatusChange } from '@app/domain';
import type { Database } from 'better-sqlite3';
import type { ReadCut } from './cut';
import { readerFor, storedAssessment, storedBounds, storedResults } from './assessments';
import { BulkRows, KeySetRows } from './cut-rows';
import { EVIDENCE, type EvidenceQuery } from './evidence.queries';
import { EvidenceReader, type IncidentAsOf } from './evidence.reader';
import { SourceGraph } from './source-graph';

/** A canonical incident as of a cut, with what lists, filters, sorts, tallies and maps read of it. */
export interface IncidentAtCut {
  incidentId: string;
  /** Version 0 with the corrections within the cut laid over it. */
  details: IncidentDetails;
  reportedOn: IsoDate;
  recordedAt: Date;
  /** Duplicates merged into it directly within the cut, in merge order. */
  mergedDuplicates: string[];
  withdrawal: { reason: string; withdrawnOn: IsoDate; recordedAt: Date } | null;
  assessment: Assessment;
  statusHistory: StatusChange[];
}

/**
 * A reader of every incident of a cut: each evidence query runs once, its rows grouped in memory. `versions` reads
 * the details (see EvidenceReader).
 */
export function bulkReader(
  db: Database,
  cut: ReadCut,
  versions?: EvidenceQuery,
): { reader: EvidenceReader; incidentIds: () => string[] } {
  const rows = new BulkRows(db, cut);
  return {
    reader: new EvidenceReader(rows.rows, undefined, versions),
    incidentIds: () => rows.keys(EVIDENCE.incident),
  };
}

/**
 * Every canonical incident that exists at the cut (merged duplicates left out, withdrawn ones kept, as the
 * registry lists them), by incident id, each with its stored live assessment where that holds at the cut (every
 * row its live reading touched lies within the cut: see `boundsWithin`), with no evidence read; else assessed by
 * the one pure policy over its rows as of the cut, those incidents' evidence read together (`KeySetRows`, the
 * sources of the cut once). In one read transaction, so one snapshot; no replay.
 */
export function incidentsAt(db: Database, cut: ReadCut, policy: PolicyConfig): IncidentAtCut[] {
  const stored = (ids: readonly string[]) => {
    const holds = storedBounds(db, policy);
    const taken = ids.filter((id) => holds.get(id)?.(cut) === true);
    return storedResults(db, taken, taken.length * 2 > holds.size);
  };
  return resultsAt(db, cut, stored, (evidence) => assessed(evidence, policy)).map(({ incident, result }) => ({
    ...incident,
    ...result,
  }));
}

/**
 * Every canonical incident at the cut (as `incidentsAt`) with what a reading takes of its assessment then: `stored`
 * of the incidents whose stored live assessment answers at the cut (it leaves out the others), `assess` of the
 * evidence of the others. `versions` reads the details (default: all of them).
 */
export function resultsAt<R>(
  db: Database,
  cut: ReadCut,
  stored: (ids: readonly string[]) => Map<string, () => R>,
  assess: (evidence: IncidentEvidence) => R,
  versions?: EvidenceQuery,
): { incident: IncidentShownAt; result: R }[] {
  const read = () => {
    const { reader, incidentIds } = bulkReader(db, cut, versions);
    const shown = canonicalAt(reader, incidentIds(), (id, { evidence: _evidence, ...shown }) => ({
      incidentId: id,
      ...shown,
    }));
    const kept = stored(shown.map((i) => i.incidentId));
    const unread = shown.filter(({ incidentId }) => !kept.has(incidentId)).map((i) => i.incidentId);
    // Most incidents of the cut or few: the most in one pass over the tables, the few together.
    const evidence =
      unread.length * 2 > shown.length
        ? reader
        : new EvidenceReader(new KeySetRows(db, cut, unread).rows, reader.sources, versions);
    return shown.map((incident) => ({
      incident,
      result: kept.get(incident.incidentId)?.() ?? assess(evidence.read(incident.incidentId)!.evidence()),
    }));
  };
  return db.inTransaction ? read() : db.transaction(read)();
}

/** The one pure policy over an incident's evidence as of a cut. */
function assessed(
  evidence: IncidentEvidence,
  policy: PolicyConfig,
): Pick<IncidentAtCut, 'assessment' | 'statusHistory'> {
  const { assessment, history } = assessWithHistory(evidence, policy);
  return { assessment, statusHistory: history };
}

/** A canonical incident as of a cut as a list shows it before any policy runs. */
export type IncidentShownAt = Omit<IncidentAtCut, 'assessment' | 'statusHistory'>;

/**
 * `incidentsAt` without the policy: every canonical incident at the cut with its details, dates, merged
 * duplicates and withdrawal. Reads only the incidents' own tables (no evidence): what a page sorted by date
 * and filtered on details needs before it assesses its own incidents (`incidentAt`).
 */
export function incidentsShownAt(db: Database, cut: ReadCut): IncidentShownAt[] {
  const read = (): IncidentShownAt[] => {
    const { reader, incidentIds } = bulkReader(db, cut);
    return canonicalAt(reader, incidentIds(), (id, { evidence: _evidence, ...shown }) => ({
      incidentId: id,
      ...shown,
    }));
  };
  return db.inTransaction ? read() : db.transaction(read)();
}

/** The dates of an incident's details: what a list sorted by date and filtered by dates reads of them. */
export type IncidentDates = Pick<IncidentDetails, 'occurredFrom' | 'occurredTo'>;
/** A canonical incident as of a cut as a list sorted and filtered by date reads it before any policy runs. */
export interface IncidentDatedAt {
  incidentId: string;
  details: IncidentDates;
}

/** The incident `id` with the dates of its details, if it is canonical at the cut of `reader` (reading `dates`). */
export function datedAt(reader: EvidenceReader, id: string): IncidentDatedAt | null {
  const details = reader.resolve(id) === id ? reader.details(id) : null;
  return details === null
    ? null
    : { incidentId: id, details: { occurredFrom: details.occurredFrom, occurredTo: details.occurredTo } };
}

/** `take` of every incident that is canonical at the reader's cut (merged duplicates left out, withdrawn kept). */
function canonicalAt<T>(reader: EvidenceReader, ids: string[], take: (id: string, read: IncidentAsOf) => T): T[] {
  const found: T[] = [];
  for (const id of ids) {
    if (reader.resolve(id) !== id) continue;
    const incident = reader.read(id);
    if (incident !== null) found.push(take(id, incident));
  }
  return found;
}

/**
 * One incident as of a cut: the canonical one the id resolves to then, or null when there was none. Its stored
 * live assessment where that holds at the cut (see incidentsAt), else the policy on its rows.
 */
export function incidentAt(db: Database, cut: ReadCut, id: string, policy: PolicyConfig): IncidentAtCut | null {
  const read = () => assessedAt(db, cut, readerFor(db, cut), id, policy);
  return db.inTransaction ? read() : db.transaction(read)();
}

/**
 * `incidentAt` of each id (a page of a list), read together: each evidence query runs once for the set of ids
 * (`KeySetRows`) and the sources of the cut once (a page cites hundreds of them), in one read transaction.
 */
export function incidentsByIdAt(
  db: Database,
  cut: ReadCut,
  ids: readonly string[],
  policy: PolicyConfig,
): (IncidentAtCut | null)[] {
  const read = (): (IncidentAtCut | null)[] => {
    const reader = new EvidenceReader(new KeySetRows(db, cut, ids).rows, new SourceGraph(new BulkRows(db, cut).rows));
    return ids.map((id) => assessedAt(db, cut, reader, id, policy));
  };
  return db.inTransaction ? read() : db.transaction(read)();
}

function assessedAt(
  db: Database,
  cut: ReadCut,
  reader: EvidenceReader,
  id: string,
  policy: PolicyConfig,
): IncidentAtCut | null {
  const canonical = reader.resolve(id);
  const incident = canonical === null ? null : reader.read(canonical);
  if (canonical === null || incident === null) return null;
  const { evidence, ...shown } = incident;
  const live = storedAssessment(db, policy, canonical);
  return {
    incidentId: canonical,
    ...shown,
    ...(live?.holdsAt(cut) ? live.result() : assessed(evidence(), policy)),
  };
}
