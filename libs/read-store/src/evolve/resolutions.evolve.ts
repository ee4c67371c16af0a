import type { Projection } from './projection';
import { json } from './projection';

/** resolutions (one row each, dated by adoption), resolution_votes (a State's vote), resolution_targets. */
export const resolutionsProjection: Projection = (db) => {
  const insert = db.prepare('INSERT OR IGNORE INTO resolutions VALUES (?,?,?,?,?,?,?,?,?,?)');
  const vote = db.prepare('INSERT OR REPLACE INTO resolution_votes VALUES (?,?,?,?)');
  const target = db.prepare('INSERT OR IGNORE INTO resolution_targets VALUES (?,?,?,?)');
  return (event, m) => {
    switch (event.type) {
      case 'ResolutionVoteRecorded': {
        const d = event.data;
        const row = [d.symbol, d.title, d.venue, d.kind, json(d.scope), json(d.citation)];
        if (insert.run(d.resolutionId, ...row, m.seq, m.evidenceDate, m.recordedAt).changes === 0) return;
        d.votes.forEach((v, n) => vote.run(d.resolutionId, v.stateCode, v.vote, n));
        d.incidentIds.forEach((id, n) => target.run(d.resolutionId, 'INCIDENT', id, n));
        d.scope?.situationIds?.forEach((id, n) => target.run(d.resolutionId, 'SITUATION', id, n));
        d.scope?.allegedUser?.stateCodes.forEach((code, n) => target.run(d.resolutionId, 'USER', code, n));
        if (d.scope?.generic === true) target.run(d.resolutionId, 'GENERIC', '*', 0);
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
