import { STATEMENT_KINDS, type StatementDetails, type StatementScope } from '@app/domain';
import { dayNumber } from '@app/projections';
import { json, type Projection, type RowMeta } from './projection';

/** The rows a statement's scope fans out to, so that lists can find it by what it speaks about. */
function scopeTargets(scope: StatementScope | undefined): [kind: string, target: string][] {
  const targets: [string, string][] = [];
  for (const id of scope?.situationIds ?? []) targets.push(['SITUATION', id]);
  for (const code of scope?.allegedUser?.stateCodes ?? []) targets.push(['USER', code]);
  if (scope?.allegedUser?.name !== undefined) targets.push(['USER_NAME', scope.allegedUser.name]);
  if (scope?.generic === true) targets.push(['GENERIC', '*']);
  return targets;
}

/**
 * What a version keeps of a statement's details: everything but its words (quote, citation), which stay in
 * the event store and are read by the version's event id when shown, as the in-memory model does.
 */
function withoutTexts(details: Partial<StatementDetails>): string {
  const { quote: _quote, citation: _citation, ...rest } = details;
  return JSON.stringify(rest);
}

/**
 * statement_versions (version 0 the statement as recorded, then one per correction with only what it changed),
 * statement_speakers and statement_targets (a row per State and per thing spoken about, for each version that
 * sets that field; superseded at the page's end, see statement-fanout.ts), and statement_scan (version 0 as a few
 * numbers and two texts: what the report scans). Hundreds of thousands of statements:
 * the rows are written a page at a time (see RowBuffer), the fold never reads them back within a page.
 */
export const statementsProjection: Projection = (db, page) => {
  const versions = page.buffer('statement_versions', 8);
  const speakers = page.buffer('statement_speakers', 6);
  const targets = page.buffer('statement_targets', 8);
  const scan = page.buffer('statement_scan', 7);
  const fanOut = (id: string, d: Partial<StatementDetails>, m: RowMeta) => {
    const codes = d.speakers ?? [];
    for (let i = 0; i < codes.length; i++) {
      if (codes.indexOf(codes[i]) === i) speakers.push(id, m.seq, codes[i], m.evidenceDate, m.recordedAt, null);
    }
    // `field` names the detail a row comes from: a correction of that field replaces all its rows. A thing
    // listed twice is one row (INCIDENT rows come from incidentIds only, the other kinds from scope only).
    const ids = d.incidentIds ?? [];
    for (let i = 0; i < ids.length; i++) {
      if (ids.indexOf(ids[i]) === i)
        targets.push(id, m.seq, 'incidentIds', 'INCIDENT', ids[i], m.evidenceDate, m.recordedAt, null);
    }
    if (!('scope' in d)) return;
    const things = scopeTargets(d.scope);
    for (let i = 0; i < things.length; i++) {
      const [kind, t] = things[i];
      if (things.findIndex(([k, x]) => k === kind && x === t) === i)
        targets.push(id, m.seq, 'scope', kind, t, m.evidenceDate, m.recordedAt, null);
    }
  };
  return (event, m) => {
    switch (event.type) {
      case 'StatementRecorded': {
        // One copy of the details, without the words (see withoutTexts): most of the log is these.
        const { statementId, quote: _quote, citation: _citation, ...details } = event.data;
        versions.push(statementId, m.seq, JSON.stringify(details), null, m.evidenceDate, m.recordedAt, m.eventId, null);
        fanOut(statementId, details, m);
        const { deliveredOn, kind, speakers: codes, incidentIds, scope } = details;
        const kindCode = STATEMENT_KINDS.indexOf(kind);
        const day = dayNumber(deliveredOn);
        scan.push(m.seq, day, kindCode, m.recordedAt, codes.join(','), incidentIds.join(','), json(scope));
        return;
      }
      case 'StatementCorrected': {
        const { statementId, changes, reason, correctedOn } = event.data;
        const details = withoutTexts(changes);
        versions.push(statementId, m.seq, details, reason, m.evidenceDate, m.recordedAt, m.eventId, correctedOn);
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
