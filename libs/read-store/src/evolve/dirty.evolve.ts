import type { Projection } from './projection';

/** A marked incident keeps the seq of the last event that marked it: a status change names that event. */
const LAST = 'ON CONFLICT (incident_id) DO UPDATE SET seq = max(seq, excluded.seq)';

/**
 * dirty_incidents: the incidents whose live assessment an event may change, written in the same transaction
 * as the facts, so that a crash between the facts and the assessments leaves the work listed, never lost.
 * Folded live only: a bulk rebuild assesses every incident once at the end.
 */
export const dirtyProjection: Projection = (db) => {
  const mark = db.prepare(`INSERT INTO dirty_incidents VALUES (?, ?) ${LAST}`);
  // A source's grade, name or organisation reaches every source below it (parts, merged duplicates).
  const bySource = db.prepare(`
    WITH RECURSIVE below(id) AS (
      VALUES (@id)
      UNION SELECT s.source_id FROM sources s JOIN below ON s.parent_organisation = below.id
      UNION SELECT m.source_id FROM source_merges m JOIN below ON m.canonical_source_id = below.id
    )
    INSERT INTO dirty_incidents
      SELECT c.incident_id, @seq FROM corroborations c WHERE c.source_id IN below
      UNION SELECT ii.incident_id, @seq FROM investigations i JOIN investigation_incidents ii USING (investigation_id)
        WHERE i.investigator_source_id IN below
    ${LAST}`);
  const byCorroboration = db.prepare(
    `INSERT INTO dirty_incidents SELECT incident_id, @seq FROM corroborations WHERE corroboration_id = @id ${LAST}`,
  );
  const byInvestigation = db.prepare(
    `INSERT INTO dirty_incidents SELECT incident_id, @seq FROM investigation_incidents WHERE investigation_id = @id
     ${LAST}`,
  );
  // Every incident the statement ever named: a correction that moves it changes both sides.
  const byStatement = db.prepare(`INSERT INTO dirty_incidents
    SELECT target, @seq FROM statement_targets
    WHERE seq IN (SELECT seq FROM statement_versions WHERE statement_id = @id) AND +kind = 'INCIDENT'
    ${LAST}`);
  return (event, { seq }) => {
    switch (event.type) {
      case 'SourceRegistered':
      case 'SourceRegraded':
      case 'SourcesMerged':
        bySource.run({ id: event.data.sourceId, seq });
        return;
      case 'UseAlleged':
      case 'IncidentCorrected':
      case 'IncidentWithdrawn':
      case 'CorroborationAdded':
        mark.run(event.data.incidentId, seq);
        return;
      case 'IncidentMergedInto':
        mark.run(event.data.incidentId, seq);
        mark.run(event.data.canonicalIncidentId, seq);
        return;
      case 'CorroborationRetracted':
        byCorroboration.run({ id: event.data.corroborationId, seq });
        return;
      case 'InvestigationOpened':
      case 'InvestigationConcluded':
        byInvestigation.run({ id: event.data.investigationId, seq });
        return;
      case 'StatementRecorded':
        for (const incidentId of event.data.incidentIds) mark.run(incidentId, seq);
        return;
      case 'StatementCorrected':
        byStatement.run({ id: event.data.statementId, seq });
        for (const incidentId of event.data.changes.incidentIds ?? []) mark.run(incidentId, seq);
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
