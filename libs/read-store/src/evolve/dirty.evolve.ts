import type { Projection } from './projection';

/**
 * dirty_incidents: the incidents whose live assessment an event may change, written in the same transaction
 * as the facts, so that a crash between the facts and the assessments leaves the work listed, never lost.
 * Folded live only: a bulk rebuild assesses every incident once at the end.
 */
export const dirtyProjection: Projection = (db) => {
  const mark = db.prepare('INSERT OR IGNORE INTO dirty_incidents VALUES (?)');
  // A source's grade, name or organisation reaches every source below it (parts, merged duplicates).
  const bySource = db.prepare(`
    WITH RECURSIVE below(id) AS (
      VALUES (?)
      UNION SELECT s.source_id FROM sources s JOIN below ON s.parent_organisation = below.id
      UNION SELECT m.source_id FROM source_merges m JOIN below ON m.canonical_source_id = below.id
    )
    INSERT OR IGNORE INTO dirty_incidents
      SELECT c.incident_id FROM corroborations c WHERE c.source_id IN below
      UNION SELECT ii.incident_id FROM investigations i JOIN investigation_incidents ii USING (investigation_id)
        WHERE i.investigator_source_id IN below`);
  const byCorroboration = db.prepare(
    'INSERT OR IGNORE INTO dirty_incidents SELECT incident_id FROM corroborations WHERE corroboration_id = ?',
  );
  const byInvestigation = db.prepare(
    'INSERT OR IGNORE INTO dirty_incidents SELECT incident_id FROM investigation_incidents WHERE investigation_id = ?',
  );
  // Every incident the statement ever named: a correction that moves it changes both sides.
  const byStatement = db.prepare(`INSERT OR IGNORE INTO dirty_incidents
    SELECT target FROM statement_targets
    WHERE seq IN (SELECT seq FROM statement_versions WHERE statement_id = ?) AND +kind = 'INCIDENT'`);
  return (event, _m) => {
    switch (event.type) {
      case 'SourceRegistered':
      case 'SourceRegraded':
      case 'SourcesMerged':
        bySource.run(event.data.sourceId);
        return;
      case 'UseAlleged':
      case 'IncidentCorrected':
      case 'IncidentWithdrawn':
      case 'CorroborationAdded':
        mark.run(event.data.incidentId);
        return;
      case 'IncidentMergedInto':
        mark.run(event.data.incidentId);
        mark.run(event.data.canonicalIncidentId);
        return;
      case 'CorroborationRetracted':
        byCorroboration.run(event.data.corroborationId);
        return;
      case 'InvestigationOpened':
      case 'InvestigationConcluded':
        byInvestigation.run(event.data.investigationId);
        return;
      case 'StatementRecorded':
        for (const incidentId of event.data.incidentIds) mark.run(incidentId);
        return;
      case 'StatementCorrected':
        byStatement.run(event.data.statementId);
        for (const incidentId of event.data.changes.incidentIds ?? []) mark.run(incidentId);
        return;
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
