import type { Projection } from './projection';

/** situation_versions: version 0 as registered (known once registered), then one per correction. */
export const situationsProjection: Projection = (db) => {
  const version = db.prepare('INSERT OR IGNORE INTO situation_versions VALUES (?,?,?,?,?,?)');
  return (event, m) => {
    switch (event.type) {
      case 'SituationRegistered': {
        const { situationId, ...details } = event.data;
        version.run(situationId, m.seq, JSON.stringify(details), null, m.evidenceDate, m.recordedAt);
        return;
      }
      case 'SituationCorrected': {
        const d = event.data;
        version.run(d.situationId, m.seq, JSON.stringify(d.changes), d.reason, m.evidenceDate, m.recordedAt);
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
      case 'InvestigationOpened':
      case 'InvestigationConcluded':
      case 'StatementRecorded':
      case 'StatementCorrected':
      case 'ResolutionVoteRecorded':
        return;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  };
};
