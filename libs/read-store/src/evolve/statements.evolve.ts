import type { StatementDetails } from '@app/domain';
import type { Projection } from './projection';

/**
 * What a version keeps of a statement's details: everything but its words (quote, citation), which stay in
 * the event store and are read by the version's event id when shown, as the in-memory model does.
 */
function withoutTexts(details: Partial<StatementDetails>): string {
  const { quote: _quote, citation: _citation, ...rest } = details;
  return JSON.stringify(rest);
}

/**
 * statement_versions: version 0 the statement as recorded, then one per correction with only what it changed.
 * Its speakers and targets (statement_speakers, statement_targets) are derived from these rows page by page in
 * SQL (see statement-fanout.ts).
 */
export const statementsProjection: Projection = (db) => {
  const version = db.prepare('INSERT OR IGNORE INTO statement_versions VALUES (?,?,?,?,?,?,?)');
  return (event, m) => {
    switch (event.type) {
      case 'StatementRecorded': {
        const { statementId, ...details } = event.data;
        version.run(statementId, m.seq, withoutTexts(details), null, m.evidenceDate, m.recordedAt, m.eventId);
        return;
      }
      case 'StatementCorrected': {
        const { statementId, changes, reason } = event.data;
        version.run(statementId, m.seq, withoutTexts(changes), reason, m.evidenceDate, m.recordedAt, m.eventId);
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
