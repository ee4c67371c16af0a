import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CcmState, CorroborationFacts, IncidentDetails, RegistryEvent, StatementDetails } from '@app/domain';
import { incidentStream, investigationStream, parseCcmStates, sourceStream, statementStream } from '@app/domain';
import { resolutionStream, situationStream } from '@app/domain';
import type { JsonObject, StoredEvent } from '@app/event-store';

/** The real CCM membership list. */
export const ccmStates = (): CcmState[] =>
  parseCcmStates(readFileSync(join(__dirname, '../../../../data/reference/ccm-states.csv'), 'utf8'));

function streamOf(event: RegistryEvent): string {
  const d = event.data as Record<string, string>;
  switch (event.type) {
    case 'SourceRegistered':
    case 'SourceRegraded':
      return sourceStream(d.sourceId);
    case 'InvestigationOpened':
    case 'InvestigationConcluded':
      return investigationStream(d.investigationId);
    case 'StatementRecorded':
    case 'StatementCorrected':
      return statementStream(d.statementId);
    case 'SituationRegistered':
    case 'SituationCorrected':
      return situationStream(d.situationId);
    case 'ResolutionVoteRecorded':
      return resolutionStream(d.resolutionId);
    default:
      return incidentStream(d.incidentId);
  }
}

/**
 * Builds stored events as a store would: increasing positions, a recording clock that advances one
 * hour per event unless told otherwise.
 */
export class EventLog {
  readonly events: StoredEvent[] = [];
  private clock = Date.parse('2016-01-01T00:00:00Z');

  add(event: RegistryEvent, options: { recordedAt?: string; actor?: string } = {}): StoredEvent {
    return this.raw(event.type, event.data as unknown as JsonObject, { ...options, stream: streamOf(event) });
  }

  /** Any stored event, e.g. one of an unknown type or with corrupt data. */
  raw(
    type: string,
    data: JsonObject,
    options: { recordedAt?: string; actor?: string; stream?: string; schemaVersion?: number } = {},
  ): StoredEvent {
    this.clock = options.recordedAt ? Date.parse(options.recordedAt) : this.clock + 3_600_000;
    const n = this.events.length + 1;
    const stored: StoredEvent = {
      id: `evt-${n}`,
      type,
      data,
      stream: options.stream ?? 'other-1',
      revision: 0,
      position: String(n),
      metadata: {
        actor: options.actor ?? 'researcher',
        correlationId: `corr-${n}`,
        schemaVersion: options.schemaVersion ?? 1,
      },
      recordedAt: new Date(this.clock),
    };
    this.events.push(stored);
    return stored;
  }
}

export const source = (
  sourceId: string,
  name: string,
  grade: 'A' | 'B' | 'C' | 'D',
  kind: 'NGO' | 'MEDIA' | 'STATE' = 'NGO',
): RegistryEvent => ({ type: 'SourceRegistered', data: { sourceId, name, kind, grade } });

export function corroboration(
  corroborationId: string,
  sourceId: string,
  publishedOn: string,
  more: Partial<CorroborationFacts> = {},
): CorroborationFacts {
  return {
    corroborationId,
    sourceId,
    stance: 'SUPPORTS',
    evidenceKinds: ['WITNESS_TESTIMONY'],
    publishedOn,
    citation: { url: `https://example.org/${corroborationId}` },
    summary: `report ${corroborationId}`,
    ...more,
  };
}

export function details(more: Partial<IncidentDetails> = {}): IncidentDetails {
  return {
    occurredFrom: '2016-01-06',
    occurredTo: '2016-01-06',
    location: { countryCode: 'YEM', placeName: 'Sanaa' },
    munition: { type: 'BL-755', delivery: 'AIR_DROPPED' },
    allegedUser: { kind: 'COALITION', stateCodes: ['SAU'], name: 'Saudi-led coalition' },
    summary: 'Cluster bombs dropped on a residential area',
    ...more,
  };
}

export const allege = (
  incidentId: string,
  reportedOn: string,
  first: CorroborationFacts,
  more: Partial<IncidentDetails> = {},
): RegistryEvent => ({
  type: 'UseAlleged',
  data: { ...details(more), incidentId, reportedOn, firstCorroboration: first },
});

export const corroborate = (incidentId: string, facts: CorroborationFacts): RegistryEvent => ({
  type: 'CorroborationAdded',
  data: { ...facts, incidentId },
});

export function statement(
  statementId: string,
  speakers: string[],
  kind: StatementDetails['kind'],
  deliveredOn: string,
  incidentIds: string[],
  more: Partial<StatementDetails> = {},
): RegistryEvent {
  return {
    type: 'StatementRecorded',
    data: {
      statementId,
      speakers,
      kind,
      venue: 'UNGA_FIRST_COMMITTEE',
      deliveredOn,
      incidentIds,
      namesUser: false,
      quote: `${kind.toLowerCase()} by ${speakers.join(', ')}`,
      citation: { url: `https://example.org/${statementId}` },
      ...more,
    },
  };
}

/**
 * The story used across the specs (dates are evidence dates):
 * - 2016-01-10 Amnesty (B) alleges use of BL-755 in Sanaa, Yemen (inc-1, user SAU): ALLEGED
 * - 2016-01-12 a newspaper (D) reports the same attack as inc-2 (video); merged into inc-1 on 2016-02-01
 * - 2016-01-20 SAU denies (recorded, does not lower the status)
 * - 2016-02-15 HRW (A) witness testimony: CORROBORATED
 * - 2016-02-20 NLD expresses concern
 * - 2016-03-20 HRW (A) expert identification of remnants: CONFIRMED
 * - 2016-04-01 GBR, FRA and DEU condemn jointly; 2016-04-05 USA (not party) expresses concern
 * - 2016-05-01 GBR opens an investigation; concludes USE_CONFIRMED on 2016-12-19
 * - inc-3 in Syria (RBK-250, user SYR), alleged by the newspaper 2016-06-01, withdrawn 2016-07-01
 * Everything is recorded in 2017 (backfilled), one hour apart, except where a spec says otherwise.
 */
export function yemenStory(log = new EventLog()): EventLog {
  const at = (d: string) => ({ recordedAt: `${d}T12:00:00Z` });
  log.add(source('ai', 'Amnesty International', 'B'), at('2017-01-01'));
  log.add(source('hrw', 'Human Rights Watch', 'A'), at('2017-01-01'));
  log.add(source('daily', 'The Daily', 'D', 'MEDIA'), at('2017-01-01'));
  log.add(allege('inc-1', '2016-01-10', corroboration('c1', 'ai', '2016-01-10')), at('2017-01-02'));
  log.add(
    allege('inc-2', '2016-01-12', corroboration('c4', 'daily', '2016-01-12', { evidenceKinds: ['VIDEO'] }), {
      location: { countryCode: 'YEM', placeName: 'Sanaa, Old City' },
    }),
    at('2017-01-03'),
  );
  log.add(statement('st-sau', ['SAU'], 'DENIAL', '2016-01-20', ['inc-1']), at('2017-01-04'));
  log.add(
    {
      type: 'IncidentMergedInto',
      data: { incidentId: 'inc-2', canonicalIncidentId: 'inc-1', reason: 'same attack', mergedOn: '2016-02-01' },
    },
    at('2017-01-05'),
  );
  log.add(corroborate('inc-1', corroboration('c2', 'hrw', '2016-02-15')), at('2017-01-06'));
  log.add(
    statement('st-nld', ['NLD'], 'CONCERN', '2016-02-20', ['inc-1'], { venue: 'HUMAN_RIGHTS_COUNCIL' }),
    at('2017-01-07'),
  );
  log.add(
    corroborate('inc-1', corroboration('c3', 'hrw', '2016-03-20', { evidenceKinds: ['EXPERT_IDENTIFICATION'] })),
    at('2017-01-08'),
  );
  log.add(
    statement('st-joint', ['GBR', 'FRA', 'DEU'], 'CONDEMNATION', '2016-04-01', ['inc-2'], { onBehalfOf: 'EU3' }),
    at('2017-01-09'),
  );
  log.add(statement('st-usa', ['USA'], 'CONCERN', '2016-04-05', ['inc-1'], { venue: 'NATIONAL' }), at('2017-01-10'));
  log.add(
    {
      type: 'InvestigationOpened',
      data: {
        investigationId: 'inv-1',
        investigator: { kind: 'STATE', stateCode: 'GBR' },
        incidentIds: ['inc-1'],
        mandate: 'UK-made BL-755 use',
        openedOn: '2016-05-01',
      },
    },
    at('2017-01-11'),
  );
  log.add(
    allege('inc-3', '2016-06-01', corroboration('c5', 'daily', '2016-06-01'), {
      occurredFrom: '2016-05-28',
      occurredTo: '2016-05-30',
      location: { countryCode: 'SYR', placeName: 'Idlib' },
      munition: { type: 'RBK-250', delivery: 'AIR_DROPPED' },
      allegedUser: { kind: 'STATE', stateCodes: ['SYR'] },
      summary: 'Submunitions found in fields',
    }),
    at('2017-01-12'),
  );
  log.add(
    { type: 'IncidentWithdrawn', data: { incidentId: 'inc-3', reason: 'hoax photos', withdrawnOn: '2016-07-01' } },
    at('2017-01-13'),
  );
  log.add(
    {
      type: 'InvestigationConcluded',
      data: { investigationId: 'inv-1', outcome: 'USE_CONFIRMED', findings: 'BL-755 used', concludedOn: '2016-12-19' },
    },
    at('2017-01-14'),
  );
  return log;
}
