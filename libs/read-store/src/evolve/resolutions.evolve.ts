import type { Projection } from './projection';
import { json } from './projection';

/** resolutions (one row each, dated by adoption), resolution_votes (a State's vote), resolution_targets. */
export const resolutionsProjection: Projection = (db) => {
  const insert = db.prepare('INSERT OR IGNORE INTO resolutions VALUES (?,?,?,?,?,?,?,?,?,?)');
  const vote = db.prepare('INSERT OR REPLACE INTO resolution_votes VALUES (?,?,?)');
  const target = db.prepare('INSERT OR IGNORE INTO resolution_targets VALUES (?,?,?)');
  return (event, m) => {
    switch (event.type) {
      case 'ResolutionVoteRecorded': {
        const d = event.data;
        const row = [d.symbol, d.title, d.venue, d.kind, json(d.scope), json(d.citation)];
        if (insert.run(d.resolutionId, ...row, m.seq, m.evidenceDate, m.recordedAt).changes === 0) return;
        for (const v of d.votes) vote.run(d.resolutionId, v.stateCode, v.vote);
        for (const id of d.incidentIds) target.run(d.resolutionId, 'INCIDENT', id);
        for (const id of d.scope?.situationIds ?? []) target.run(d.resolutionId, 'SITUATION', id);
        for (const code of d.scope?.allegedUser?.stateCodes ?? []) target.run(d.resolutionId, 'USER', code);
        if (d.scope?.generic === true) target.run(d.resolutionId, 'GENERIC', '*');
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
      case 'SituationRegistered':
      case 'SituationCorrected':
        return;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  };
};
