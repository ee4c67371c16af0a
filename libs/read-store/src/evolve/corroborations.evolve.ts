import type { CorroborationFacts } from '@app/domain';
import type { Projection, RowMeta } from './projection';
import { json } from './projection';

/**
 * corroborations (one row each, logged against the incident the event names; superseded by a retraction),
 * corroboration_retractions.
 */
export const corroborationsProjection: Projection = (db) => {
  const insert = db.prepare('INSERT OR IGNORE INTO corroborations VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL)');
  const retract = db.prepare('INSERT OR IGNORE INTO corroboration_retractions VALUES (?,?,?,?,?)');
  const supersede = db.prepare(
    'UPDATE corroborations SET superseded_at = ? WHERE corroboration_id = ? AND superseded_at IS NULL',
  );
  const add = (c: CorroborationFacts, incidentId: string, m: RowMeta) =>
    insert.run(
      c.corroborationId,
      incidentId,
      c.sourceId,
      c.stance,
      JSON.stringify(c.evidenceKinds),
      c.publishedOn,
      c.derivedFrom ?? null,
      c.credibility ?? null,
      c.geolocationPrecisionMeters ?? null,
      json(c.citation),
      c.summary,
      m.seq,
      // Known from its publication: for an allegation's first source, not the allegation's own date.
      c.publishedOn,
      m.recordedAt,
    );
  return (event, m) => {
    switch (event.type) {
      case 'UseAlleged':
        add(event.data.firstCorroboration, event.data.incidentId, m);
        return;
      case 'CorroborationAdded':
        add(event.data, event.data.incidentId, m);
        return;
      case 'CorroborationRetracted': {
        const d = event.data;
        retract.run(d.corroborationId, m.seq, d.reason, m.evidenceDate, m.recordedAt);
        supersede.run(m.recordedAt, d.corroborationId);
        return;
      }
      case 'SourceRegistered':
      case 'SourceRegraded':
      case 'SourcesMerged':
      case 'IncidentCorrected':
      case 'IncidentMergedInto':
      case 'IncidentWithdrawn':
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
