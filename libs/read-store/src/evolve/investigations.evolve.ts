import type { Projection } from './projection';
import { json } from './projection';

/** investigations (one row each), investigation_incidents (the incidents it covers, as logged), conclusions. */
export const investigationsProjection: Projection = (db) => {
  const insert = db.prepare('INSERT OR IGNORE INTO investigations VALUES (?,?,?,?,?,?,?,?,?,?)');
  const covers = db.prepare('INSERT OR IGNORE INTO investigation_incidents VALUES (?,?,?)');
  const conclude = db.prepare('INSERT OR IGNORE INTO investigation_conclusions VALUES (?,?,?,?,?,?,?)');
  return (event, m) => {
    switch (event.type) {
      case 'InvestigationOpened': {
        const d = event.data;
        const i = d.investigator;
        const who = [i.kind, i.stateCode ?? null, i.name ?? null, i.sourceId ?? null];
        if (
          insert.run(d.investigationId, ...who, d.mandate, json(d.citations), m.seq, m.evidenceDate, m.recordedAt)
            .changes > 0
        ) {
          d.incidentIds.forEach((incidentId, n) => covers.run(d.investigationId, incidentId, n));
        }
        return;
      }
      case 'InvestigationConcluded': {
        const d = event.data;
        const row = [d.outcome, d.findings, json(d.citations), m.evidenceDate, m.recordedAt];
        conclude.run(d.investigationId, m.seq, ...row);
        return;
      }
      case 'SourceRegistered':
      case 'SourceRegraded':
      case 'SourcesMerged':
      case 'UseAlleged':
      case 'IncidentCorrected':
      case 'IncidentMergedInto':
      case 'IncidentWithdrawn':
      case 'CorroborationAdded':
      case 'CorroborationRetracted':
      case 'StatementRecorded':
      case 'StatementCorrected':
      case 'SituationRegistered':
      case 'SituationCorrected':
      case 'ResolutionVoteRecorded':
        return;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  };
};
