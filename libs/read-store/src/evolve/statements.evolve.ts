import type { StatementDetails, StatementScope } from '@app/domain';
import type { Projection, RowMeta } from './projection';

/** The rows a statement's scope and incident list fan out to, so that lists can find it by what it speaks about. */
function scopeTargets(scope: StatementScope | undefined): [kind: string, target: string][] {
  const targets: [string, string][] = [];
  for (const id of scope?.situationIds ?? []) targets.push(['SITUATION', id]);
  for (const code of scope?.allegedUser?.stateCodes ?? []) targets.push(['USER', code]);
  if (scope?.allegedUser?.name !== undefined) targets.push(['USER_NAME', scope.allegedUser.name]);
  if (scope?.generic === true) targets.push(['GENERIC', '*']);
  return targets;
}

/**
 * statement_versions (version 0 the statement as recorded, then one per correction with only what it changed),
 * statement_speakers and statement_targets (one row per State and per thing spoken about, each version of that
 * field superseded by the correction that replaces it).
 */
export const statementsProjection: Projection = (db) => {
  const version = db.prepare('INSERT OR IGNORE INTO statement_versions VALUES (?,?,?,?,?,?)');
  const speaker = db.prepare('INSERT OR IGNORE INTO statement_speakers VALUES (?,?,?,?,?,NULL)');
  const target = db.prepare('INSERT OR IGNORE INTO statement_targets VALUES (?,?,?,?,?,?,NULL)');
  const supersedeSpeakers = db.prepare(
    'UPDATE statement_speakers SET superseded_at = ? WHERE statement_id = ? AND superseded_at IS NULL',
  );
  const supersedeIncidents = db.prepare(
    "UPDATE statement_targets SET superseded_at = ? WHERE statement_id = ? AND superseded_at IS NULL AND kind = 'INCIDENT'",
  );
  const supersedeScope = db.prepare(
    "UPDATE statement_targets SET superseded_at = ? WHERE statement_id = ? AND superseded_at IS NULL AND kind <> 'INCIDENT'",
  );
  const fanOut = (id: string, d: Partial<StatementDetails>, m: RowMeta) => {
    for (const code of d.speakers ?? []) speaker.run(id, m.seq, code, m.evidenceDate, m.recordedAt);
    for (const incidentId of d.incidentIds ?? [])
      target.run(id, m.seq, 'INCIDENT', incidentId, m.evidenceDate, m.recordedAt);
    if ('scope' in d)
      for (const [kind, t] of scopeTargets(d.scope)) target.run(id, m.seq, kind, t, m.evidenceDate, m.recordedAt);
  };
  return (event, m) => {
    switch (event.type) {
      case 'StatementRecorded': {
        const { statementId, ...details } = event.data;
        if (version.run(statementId, m.seq, JSON.stringify(details), null, m.evidenceDate, m.recordedAt).changes > 0) {
          fanOut(statementId, details, m);
        }
        return;
      }
      case 'StatementCorrected': {
        const { statementId, changes, reason } = event.data;
        version.run(statementId, m.seq, JSON.stringify(changes), reason, m.evidenceDate, m.recordedAt);
        if (changes.speakers !== undefined) supersedeSpeakers.run(m.recordedAt, statementId);
        if (changes.incidentIds !== undefined) supersedeIncidents.run(m.recordedAt, statementId);
        if ('scope' in changes) supersedeScope.run(m.recordedAt, statementId);
        fanOut(statementId, changes, m);
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
