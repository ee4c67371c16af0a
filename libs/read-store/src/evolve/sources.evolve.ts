import { inferStateCode } from '@app/projections';
import type { Projection } from './projection';

/** sources (one row each), source_grades (a version per grade, superseded by the next regrade), source_merges. */
export const sourcesProjection: Projection = (db) => {
  const insert = db.prepare('INSERT OR IGNORE INTO sources VALUES (?,?,?,?,?,?,?,?,?,?,NULL)');
  const supersedeGrade = db.prepare(
    'UPDATE source_grades SET superseded_at = ? WHERE source_id = ? AND superseded_at IS NULL',
  );
  const grade = db.prepare('INSERT OR IGNORE INTO source_grades VALUES (?,?,?,?,?,?,?,NULL)');
  const merge = db.prepare('INSERT OR IGNORE INTO source_merges VALUES (?,?,?,?,?,?)');
  const supersedeSource = db.prepare(
    'UPDATE sources SET superseded_at = ? WHERE source_id = ? AND superseded_at IS NULL',
  );
  return (event, m) => {
    switch (event.type) {
      case 'SourceRegistered': {
        const d = event.data;
        const stateCode = d.stateCode ?? inferStateCode(d.kind, d.name);
        const aliases = JSON.stringify(d.aliases ?? []);
        const row = [d.name, d.kind, stateCode, d.parentOrganisation ?? null, aliases, d.homepage ?? null];
        if (insert.run(d.sourceId, ...row, m.seq, m.evidenceDate, m.recordedAt).changes === 0) return;
        grade.run(d.sourceId, m.seq, d.grade, null, null, m.evidenceDate, m.recordedAt);
        return;
      }
      case 'SourceRegraded': {
        const d = event.data;
        supersedeGrade.run(m.recordedAt, d.sourceId);
        grade.run(d.sourceId, m.seq, d.grade, d.previousGrade, d.reason, m.evidenceDate, m.recordedAt);
        return;
      }
      case 'SourcesMerged': {
        const d = event.data;
        merge.run(d.sourceId, m.seq, d.canonicalSourceId, d.reason, m.evidenceDate, m.recordedAt);
        supersedeSource.run(m.recordedAt, d.sourceId);
        return;
      }
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
      case 'ResolutionVoteRecorded':
        return;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  };
};
