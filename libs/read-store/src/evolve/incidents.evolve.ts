import type { Projection } from './projection';

/**
 * incidents (one row each; superseded by a merge or a withdrawal; its stream's revision, moved by every event of
 * its stream), incident_versions (version 0 the details as alleged, then one per correction with only what it
 * changed), incident_merges, incident_withdrawals.
 */
export const incidentsProjection: Projection = (db) => {
  const insert = db.prepare('INSERT OR IGNORE INTO incidents VALUES (?,?,?,?,NULL,?)');
  const revise = db.prepare('UPDATE incidents SET revision = ? WHERE incident_id = ?');
  const version = db.prepare('INSERT OR IGNORE INTO incident_versions VALUES (?,?,?,?,?,?)');
  const merge = db.prepare('INSERT OR IGNORE INTO incident_merges VALUES (?,?,?,?,?,?)');
  const withdraw = db.prepare('INSERT OR IGNORE INTO incident_withdrawals VALUES (?,?,?,?,?)');
  const supersede = db.prepare(
    'UPDATE incidents SET superseded_at = ? WHERE incident_id = ? AND superseded_at IS NULL',
  );
  return (event, m) => {
    switch (event.type) {
      case 'UseAlleged': {
        const { incidentId, reportedOn: _reportedOn, firstCorroboration: _first, ...details } = event.data;
        // A replayed allegation changes nothing (as in the fold) but its stream's revision: no second version 0.
        if (insert.run(incidentId, m.seq, m.evidenceDate, m.recordedAt, m.revision).changes === 0) {
          revise.run(m.revision, incidentId);
          return;
        }
        version.run(incidentId, m.seq, JSON.stringify(details), null, m.evidenceDate, m.recordedAt);
        return;
      }
      case 'IncidentCorrected': {
        const d = event.data;
        version.run(d.incidentId, m.seq, JSON.stringify(d.changes), d.reason, m.evidenceDate, m.recordedAt);
        revise.run(m.revision, d.incidentId);
        return;
      }
      case 'IncidentMergedInto': {
        const d = event.data;
        merge.run(d.incidentId, m.seq, d.canonicalIncidentId, d.reason, m.evidenceDate, m.recordedAt);
        supersede.run(m.recordedAt, d.incidentId);
        revise.run(m.revision, d.incidentId);
        return;
      }
      case 'IncidentWithdrawn': {
        const d = event.data;
        withdraw.run(d.incidentId, m.seq, d.reason, m.evidenceDate, m.recordedAt);
        supersede.run(m.recordedAt, d.incidentId);
        revise.run(m.revision, d.incidentId);
        return;
      }
      // Appended to the incident's stream; their rows are corroborations.evolve's.
      case 'CorroborationAdded':
      case 'CorroborationRetracted':
        revise.run(m.revision, event.data.incidentId);
        return;
      case 'SourceRegistered':
      case 'SourceRegraded':
      case 'SourcesMerged':
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
