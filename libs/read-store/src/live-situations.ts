import type { IsoDate, SituationDetails } from '@app/domain';
import type { Database } from 'better-sqlite3';
import { cutParams, kindOf, type ReadCut, within } from './cut';
import { detailsOf, type Version } from './evidence.reader';
import { LIVE_DETAILS } from './schema';

/** A correction of a situation: what it changed, why, when it was made known, when recorded. */
export interface SituationCorrectionNow {
  changes: Partial<SituationDetails>;
  reason: string;
  correctedOn: IsoDate;
  recordedAt: Date;
}

/** A situation as the registry shows it now. */
export interface SituationNow extends SituationDetails {
  situationId: string;
  /** Its stream's revision: its registration and corrections, each a version row. */
  revision: number;
  corrections: SituationCorrectionNow[];
  recordedAt: Date;
  /** The canonical incidents in it now (merged duplicates left out, withdrawn ones kept), by id. */
  incidentIds: string[];
}

interface VersionRow {
  situation_id: string;
  changes: string;
  reason: string | null;
  seq: number;
  evidence_date: IsoDate | null;
  recorded_at: number;
}

/**
 * The versions of the canonical incidents that place one in a situation or take it out, in fold order (from index
 * incident_versions_situation: the expressions are said as it says them).
 */
export const PLACED = `SELECT v.incident_id, ${LIVE_DETAILS.situation('v')} FROM incident_versions v
  WHERE json_type(v.changes, '$.situationId') IS NOT NULL
  AND EXISTS (SELECT 1 FROM incidents i WHERE i.incident_id = v.incident_id)
  AND NOT EXISTS (SELECT 1 FROM incident_merges m WHERE m.incident_id = v.incident_id) ORDER BY v.seq`;

/**
 * Every situation now, in registration order, from its versions (version 0 with the corrections laid over it, as
 * the fold applies them), with the canonical incidents whose details now name it: the last of an incident's
 * versions that sets its situation says which (a correction may move it or clear it). One read transaction.
 */
export function liveSituations(db: Database): SituationNow[] {
  const read = () => {
    const versions = new Map<string, VersionRow[]>();
    const rows = db.prepare('SELECT * FROM situation_versions ORDER BY seq').all() as VersionRow[];
    for (const row of rows) versions.set(row.situation_id, [...(versions.get(row.situation_id) ?? []), row]);
    const situationOf = new Map<string, string | null>();
    const placed = db.prepare(PLACED).raw().all() as [string, string | null][];
    for (const [incidentId, situationId] of placed) situationOf.set(incidentId, situationId);
    const incidentsIn = new Map<string, string[]>();
    for (const [incidentId, situationId] of situationOf) {
      if (situationId !== null) incidentsIn.set(situationId, [...(incidentsIn.get(situationId) ?? []), incidentId]);
    }
    return [...versions].flatMap(([situationId, list]): SituationNow[] => {
      const details = detailsOf<SituationDetails>(list.map((v): Version => [JSON.parse(v.changes), v.reason, v.seq]));
      if (details === null) return [];
      return [
        {
          ...details,
          situationId,
          revision: list.length - 1,
          corrections: list.slice(1).map((v) => ({
            changes: JSON.parse(v.changes) as Partial<SituationDetails>,
            reason: v.reason as string,
            correctedOn: v.evidence_date as IsoDate,
            recordedAt: new Date(v.recorded_at),
          })),
          recordedAt: new Date(list[0].recorded_at),
          incidentIds: (incidentsIn.get(situationId) ?? []).sort(),
        },
      ];
    });
  };
  return db.inTransaction ? read() : db.transaction(read)();
}

/**
 * The ids of the situations registered within a cut, in id order (the response matrix's subjects): a registration
 * is a situation's version row with no reason (a correction gives one).
 */
export function situationIdsAt(db: Database, cut: ReadCut): string[] {
  return db
    .prepare(
      `SELECT v.situation_id FROM situation_versions v WHERE v.reason IS NULL AND ${within(kindOf(cut), 'v')}
       ORDER BY v.situation_id`,
    )
    .pluck()
    .all(cutParams(cut)) as string[];
}
