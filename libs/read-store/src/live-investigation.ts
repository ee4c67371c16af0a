import type { InvestigationOutcome, Investigator, IsoDate } from '@app/domain';
import type { Database } from 'better-sqlite3';
import { keyedRows } from './cut-rows';
import { EvidenceReader } from './evidence.reader';
import { incidentResolver } from './incident-resolution';

/** An investigation as the registry shows it now. */
export interface InvestigationNow {
  investigationId: string;
  /** Its stream's revision: its opening and each conclusion. */
  revision: number;
  investigator: Investigator;
  /** The name of the source that investigates, if one does and is registered. */
  sourceName: string | null;
  /** The incidents it covers as they resolve now (merged duplicates to their incident), in the order logged. */
  incidentIds: string[];
  mandate: string;
  openedOn: IsoDate;
  /** The last conclusion's, null while open. */
  outcome: InvestigationOutcome | null;
  findings: string | null;
  concludedOn: IsoDate | null;
  recordedAt: Date;
}

type Row = [
  kind: Investigator['kind'],
  stateCode: string | null,
  name: string | null,
  sourceId: string | null,
  mandate: string,
  openedOn: IsoDate,
  recordedAt: number,
  incidents: string,
  conclusions: number,
  last: string | null,
  sourceName: string | null,
];

const SQL = `SELECT i.investigator_kind, i.investigator_state_code, i.investigator_name, i.investigator_source_id,
  i.mandate, i.evidence_date, i.recorded_at,
  (SELECT json_group_array(ii.incident_id) FROM (SELECT ii.incident_id FROM investigation_incidents ii
    WHERE ii.investigation_id = i.investigation_id ORDER BY ii.n) ii),
  (SELECT count(*) FROM investigation_conclusions c WHERE c.investigation_id = i.investigation_id),
  (SELECT json_array(c.outcome, c.findings, c.evidence_date) FROM investigation_conclusions c
    WHERE c.investigation_id = i.investigation_id ORDER BY c.seq DESC LIMIT 1),
  (SELECT s.name FROM sources s WHERE s.source_id = i.investigator_source_id)
FROM investigations i WHERE i.investigation_id = ?`;

/** The investigation `id` now, from its rows in one read transaction; null when there is none. */
export function liveInvestigation(db: Database, id: string): InvestigationNow | null {
  const read = (): InvestigationNow | null => {
    const row = db.prepare(SQL).raw().get(id) as Row | undefined;
    if (row === undefined) return null;
    const [kind, stateCode, name, sourceId, mandate, openedOn, recordedAt, incidents, conclusions, last] = row;
    const resolve = incidentResolver(db, 'LIVE');
    const concluded = last === null ? null : (JSON.parse(last) as [InvestigationOutcome, string, IsoDate]);
    return {
      investigationId: id,
      revision: conclusions,
      investigator: {
        kind,
        ...(stateCode !== null && { stateCode }),
        ...(name !== null && { name }),
        ...(sourceId !== null && { sourceId }),
      },
      sourceName: row[10],
      incidentIds: [...new Set((JSON.parse(incidents) as string[]).map(resolve))],
      mandate,
      openedOn,
      outcome: concluded?.[0] ?? null,
      findings: concluded?.[1] ?? null,
      concludedOn: concluded?.[2] ?? null,
      recordedAt: new Date(recordedAt),
    };
  };
  return db.inTransaction ? read() : db.transaction(read)();
}

/**
 * The investigations covering the incident `id` resolves to now, as the registry lists them: by opening date, ties
 * in the order they were linked to it (a merge appends a duplicate's), the order the evidence reader gives the
 * policy. Null when there is no such incident. One read transaction.
 */
export function liveIncidentInvestigations(db: Database, id: string): InvestigationNow[] | null {
  const read = (): InvestigationNow[] | null => {
    const reader = new EvidenceReader(keyedRows(db, 'LIVE'));
    const canonical = reader.resolve(id);
    const incident = canonical === null ? null : reader.read(canonical);
    if (incident === null) return null;
    const linked = incident.evidence().investigations.flatMap((i) => liveInvestigation(db, i.investigationId) ?? []);
    return linked.sort((a, b) => (a.openedOn < b.openedOn ? -1 : a.openedOn > b.openedOn ? 1 : 0));
  };
  return db.inTransaction ? read() : db.transaction(read)();
}
