import type { ChangeSet } from './registry.projection';
import { evolveRegistry } from './registry.projection';
import { createRegistryModel, findIncident } from './model';
import { getIncident, incidentHistory } from './incident.queries';
import type { RegistryModel } from './model';
import {
  allege,
  corroborate,
  corroboration,
  EventLog,
  source,
  statement,
  yemenStory,
} from './testing/event-log.fixtures';
import type { RegistryEvent } from '@app/domain';

function given(...events: RegistryEvent[]): {
  model: RegistryModel;
  log: EventLog;
  when: (e: RegistryEvent) => ChangeSet;
} {
  const model = createRegistryModel();
  const log = new EventLog();
  for (const e of events) evolveRegistry(model, log.add(e));
  return { model, log, when: (e) => evolveRegistry(model, log.add(e)) };
}

const sources = [
  source('ai', 'Amnesty International', 'B'),
  source('hrw', 'Human Rights Watch', 'A'),
  source('daily', 'The Daily', 'D', 'MEDIA'),
  source('SAU', 'SAU', 'C', 'STATE'),
];
const alleged = allege('inc-1', '2016-01-10', corroboration('c1', 'ai', '2016-01-10'));

describe('evolveRegistry: sources', () => {
  it('registers a source with its first grade, and keeps the grade history on a regrade', () => {
    const { model, when } = given(...sources);
    when({
      type: 'SourceRegraded',
      data: { sourceId: 'daily', grade: 'C', previousGrade: 'D', reason: 'track record', regradedOn: '2016-03-01' },
    });
    const daily = model.sources.get('daily')!;
    expect(daily).toMatchObject({ name: 'The Daily', kind: 'MEDIA', grade: 'C' });
    expect(daily.grades.map((g) => [g.grade, g.previousGrade, g.regradedOn])).toEqual([
      ['D', null, null],
      ['C', 'D', '2016-03-01'],
    ]);
  });

  it('re-assesses the incidents a regraded source supports, and audits the regrade there', () => {
    const { model, when } = given(
      ...sources,
      alleged,
      corroborate('inc-1', corroboration('c2', 'daily', '2016-02-01')),
    );
    expect(model.incidents.get('inc-1')!.assessment.status).toBe('ALLEGED');
    const changes = when({
      type: 'SourceRegraded',
      data: { sourceId: 'daily', grade: 'C', previousGrade: 'D', reason: 'r', regradedOn: '2016-03-01' },
    });
    expect(changes.statusChanges).toEqual([
      expect.objectContaining({ incidentId: 'inc-1', before: 'ALLEGED', after: 'CORROBORATED' }),
    ]);
    expect(model.incidents.get('inc-1')!.audit.entries!.map((a) => a.type)).toEqual([
      'UseAlleged',
      'CorroborationAdded',
      'SourceRegraded',
    ]);
  });
});

describe('evolveRegistry: incidents', () => {
  it('creates an incident from an allegation, with its first corroboration and an ALLEGED assessment', () => {
    const { model, when } = given(...sources);
    const changes = when(alleged);
    const incident = model.incidents.get('inc-1')!;
    expect(incident).toMatchObject({
      reportedOn: '2016-01-10',
      details: { munition: { type: 'BL-755' } },
      corroborationIds: ['c1'],
    });
    expect(model.corroborations.get('c1')).toMatchObject({ sourceId: 'ai', incidentId: 'inc-1', retraction: null });
    expect(incident.assessment).toMatchObject({ status: 'ALLEGED', readiness: 'CONCERN', statusSince: '2016-01-10' });
    expect(incident.statusHistory).toEqual([expect.objectContaining({ status: 'ALLEGED', on: '2016-01-10' })]);
    expect(changes).toMatchObject({
      skipped: false,
      incidentIds: ['inc-1'],
      statusChanges: [{ incidentId: 'inc-1', before: null, after: 'ALLEGED' }],
    });
    expect(incident.audit.entries![0]).toMatchObject({
      type: 'UseAlleged',
      evidenceDate: '2016-01-10',
      actor: 'researcher',
    });
    expect(incident.audit.entries![0].summary).toContain('BL-755');
  });

  it('applies corrections to the details and keeps them', () => {
    const { model, when } = given(...sources, alleged);
    const changes = when({
      type: 'IncidentCorrected',
      data: {
        incidentId: 'inc-1',
        changes: { summary: 'fixed', casualties: { killed: 2 } },
        reason: 'typo',
        correctedOn: '2016-01-11',
      },
    });
    const incident = model.incidents.get('inc-1')!;
    expect(incident.details).toMatchObject({
      summary: 'fixed',
      casualties: { killed: 2 },
      location: { placeName: 'Sanaa' },
    });
    expect(incident.corrections).toEqual([expect.objectContaining({ reason: 'typo', correctedOn: '2016-01-11' })]);
    expect(changes.statusChanges).toEqual([]);
    expect(incident.audit.entries![1]).toMatchObject({
      type: 'IncidentCorrected',
      summary: 'Corrected summary, casualties: typo',
    });
  });

  it('folds a merged duplicate into the canonical incident; the duplicate id resolves to it', () => {
    const { model } = given(...yemenStory().events.map((e) => ({ type: e.type, data: e.data }) as RegistryEvent));
    const canonical = findIncident(model, 'inc-2')!;
    expect(canonical.incidentId).toBe('inc-1');
    expect(canonical.mergedDuplicates).toEqual(['inc-2']);
    expect(canonical.corroborationIds).toEqual(['c1', 'c4', 'c2', 'c3']);
    expect(model.corroborations.get('c4')).toMatchObject({ incidentId: 'inc-1', originalIncidentId: 'inc-2' });
    // The joint condemnation named the duplicate.
    expect([...canonical.statementIds].sort()).toEqual(['st-joint', 'st-nld', 'st-sau', 'st-usa']);
    expect(model.incidents.get('inc-2')!.mergedInto).toMatchObject({
      canonicalIncidentId: 'inc-1',
      mergedOn: '2016-02-01',
    });
    const types = canonical.audit.entries!.map((a) => a.type);
    expect(types.slice(0, 4)).toEqual(['UseAlleged', 'UseAlleged', 'StatementRecorded', 'IncidentMergedInto']);
    expect(canonical.audit.entries!.map((a) => a.seq)).toEqual(
      [...canonical.audit.entries!.map((a) => a.seq)].sort((a, b) => a - b),
    );
  });

  it('withdraws an incident', () => {
    const { model, when } = given(...sources, alleged);
    const changes = when({
      type: 'IncidentWithdrawn',
      data: { incidentId: 'inc-1', reason: 'hoax', withdrawnOn: '2016-02-01' },
    });
    expect(model.incidents.get('inc-1')!.withdrawal).toMatchObject({ reason: 'hoax', withdrawnOn: '2016-02-01' });
    expect(changes.statusChanges).toEqual([expect.objectContaining({ before: 'ALLEGED', after: 'WITHDRAWN' })]);
  });
});

describe('evolveRegistry: corroborations', () => {
  it('adds a corroboration and reports the status change it causes', () => {
    const { model, when } = given(...sources, alleged);
    const changes = when(corroborate('inc-1', corroboration('c2', 'hrw', '2016-02-15', { derivedFrom: undefined })));
    expect(model.incidents.get('inc-1')!.corroborationIds).toEqual(['c1', 'c2']);
    expect(changes.statusChanges).toEqual([expect.objectContaining({ before: 'ALLEGED', after: 'CORROBORATED' })]);
    expect(model.incidents.get('inc-1')!.assessment.statusSince).toBe('2016-02-15');
  });

  it('does not count a derived report as independent', () => {
    const { model } = given(
      ...sources,
      alleged,
      corroborate('inc-1', corroboration('c2', 'hrw', '2016-02-15', { derivedFrom: 'c1' })),
    );
    expect(model.incidents.get('inc-1')!.assessment.status).toBe('ALLEGED');
    expect(model.corroborations.get('c2')!.derivedFrom).toBe('c1');
  });

  it('records a retraction and re-assesses', () => {
    const { model, when } = given(...sources, alleged, corroborate('inc-1', corroboration('c2', 'hrw', '2016-02-15')));
    const changes = when({
      type: 'CorroborationRetracted',
      data: { incidentId: 'inc-1', corroborationId: 'c2', reason: 'error', retractedOn: '2016-03-01' },
    });
    expect(model.corroborations.get('c2')!.retraction).toMatchObject({ reason: 'error', retractedOn: '2016-03-01' });
    expect(changes.statusChanges).toEqual([expect.objectContaining({ before: 'CORROBORATED', after: 'ALLEGED' })]);
    expect(model.incidents.get('inc-1')!.audit.entries!.at(-1)!.summary).toContain('Human Rights Watch retracted');
  });

  it('keeps evidence logged before its incident appears and adopts it (KNOWN-clock cuts need this)', () => {
    const { model } = given(...sources, corroborate('inc-1', corroboration('c0', 'hrw', '2016-01-05')), alleged);
    expect(model.incidents.get('inc-1')!.corroborationIds).toEqual(['c0', 'c1']);
    expect(model.incidents.get('inc-1')!.assessment.status).toBe('CORROBORATED');
    expect(model.orphans.size).toBe(0);
  });
});

describe('evolveRegistry: investigations', () => {
  it('covers incidents, and a conclusion that use happened confirms them', () => {
    const { model, when } = given(...sources, alleged);
    when({
      type: 'InvestigationOpened',
      data: {
        investigationId: 'inv-1',
        investigator: { kind: 'UN', name: 'Panel' },
        incidentIds: ['inc-1'],
        mandate: 'm',
        openedOn: '2016-03-01',
      },
    });
    expect([...model.incidents.get('inc-1')!.investigationIds]).toEqual(['inv-1']);
    // Missing names the investigation in words (its investigator and date), not by id (issue 12).
    expect(model.incidents.get('inc-1')!.assessment.missing.join(' ')).toContain(
      'the investigation by Panel opened on 2016-03-01',
    );
    const changes = when({
      type: 'InvestigationConcluded',
      data: { investigationId: 'inv-1', outcome: 'USE_CONFIRMED', findings: 'f', concludedOn: '2016-06-01' },
    });
    expect(model.investigations.get('inv-1')).toMatchObject({
      outcome: 'USE_CONFIRMED',
      concludedOn: '2016-06-01',
      eventIds: ['evt-6', 'evt-7'],
    });
    expect(changes.statusChanges).toEqual([expect.objectContaining({ before: 'ALLEGED', after: 'CONFIRMED' })]);
    expect(model.incidents.get('inc-1')!.assessment.statusSince).toBe('2016-06-01');
  });
});

describe('evolveRegistry: statements', () => {
  it('indexes a joint statement under every co-signer and reports it as recorded', () => {
    const { model, when } = given(...sources, alleged);
    const changes = when(statement('st-1', ['GBR', 'FRA'], 'CONCERN', '2016-02-01', ['inc-1']));
    expect(changes.recordedStatementIds).toEqual(['st-1']);
    expect(changes.statusChanges).toEqual([]);
    expect([...model.statementsByState.get('GBR')!]).toEqual(['st-1']);
    expect([...model.statementsByState.get('FRA')!]).toEqual(['st-1']);
    expect([...model.incidents.get('inc-1')!.statementIds]).toEqual(['st-1']);
  });

  it("lets the alleged user's acknowledgement confirm, but not its denial lower", () => {
    const { model, when } = given(...sources, alleged, corroborate('inc-1', corroboration('c2', 'hrw', '2016-02-15')));
    expect(when(statement('st-d', ['SAU'], 'DENIAL', '2016-03-01', ['inc-1'])).statusChanges).toEqual([]);
    expect(model.incidents.get('inc-1')!.assessment.reasons.join(' ')).toContain('denied');
    const changes = when(statement('st-a', ['SAU'], 'ACKNOWLEDGEMENT', '2016-04-01', ['inc-1']));
    expect(changes.statusChanges).toEqual([expect.objectContaining({ before: 'CORROBORATED', after: 'CONFIRMED' })]);
  });

  it('re-indexes a corrected statement under its new speakers and incidents', () => {
    const { model, when } = given(
      ...sources,
      alleged,
      allege('inc-9', '2016-01-11', corroboration('c9', 'ai', '2016-01-11')),
      statement('st-1', ['GBR'], 'CONCERN', '2016-02-01', ['inc-1']),
    );
    when({
      type: 'StatementCorrected',
      data: {
        statementId: 'st-1',
        changes: { speakers: ['FRA'], incidentIds: ['inc-9'] },
        reason: 'r',
        correctedOn: '2016-02-02',
      },
    });
    expect(model.statementsByState.get('GBR')!).toEqual([]);
    expect([...model.statementsByState.get('FRA')!]).toEqual(['st-1']);
    expect(model.incidents.get('inc-1')!.statementIds).toEqual([]);
    expect([...model.incidents.get('inc-9')!.statementIds]).toEqual(['st-1']);
    expect(model.statements.get('st-1')!.corrections).toHaveLength(1);
    expect(model.incidents.get('inc-1')!.audit.entries!.at(-1)!.type).toBe('StatementCorrected');
  });
});

describe('evolveRegistry: statement id lists', () => {
  const merge = (incidentId: string, canonicalIncidentId: string): RegistryEvent => ({
    type: 'IncidentMergedInto',
    data: { incidentId, canonicalIncidentId, reason: 'same strike', mergedOn: '2016-03-01' },
  });

  it('lists a statement once per State/incident, even naming one twice or a duplicate and its canonical one', () => {
    const { model } = given(
      ...sources,
      alleged,
      allege('inc-9', '2016-01-11', corroboration('c9', 'ai', '2016-01-11')),
      merge('inc-9', 'inc-1'),
      statement('st-1', ['GBR', 'GBR'], 'CONCERN', '2016-02-01', ['inc-1', 'inc-1']),
      statement('st-2', ['FRA'], 'CONCERN', '2016-02-02', ['inc-9', 'inc-1']),
    );
    expect(model.statementsByState.get('GBR')).toEqual(['st-1']);
    expect(model.incidents.get('inc-1')!.statementIds).toEqual(['st-1', 'st-2']);
  });

  it('keeps one copy when a merge brings a statement both incidents list', () => {
    const { model } = given(
      ...sources,
      alleged,
      allege('inc-9', '2016-01-11', corroboration('c9', 'ai', '2016-01-11')),
      statement('st-1', ['GBR'], 'CONCERN', '2016-02-01', ['inc-1', 'inc-9']),
      statement('st-2', ['GBR'], 'CONCERN', '2016-02-02', ['inc-9']),
      merge('inc-9', 'inc-1'),
    );
    expect(model.incidents.get('inc-1')!.statementIds).toEqual(['st-1', 'st-2']);
  });

  it("moves a corrected statement to the end of its incidents' lists; the States' lists keep recording order", () => {
    const { model, when } = given(
      ...sources,
      alleged,
      statement('st-1', ['SAU'], 'DENIAL', '2016-02-01', ['inc-1']),
      statement('st-2', ['SAU'], 'DENIAL', '2016-02-01', ['inc-1']),
    );
    when({
      type: 'StatementCorrected',
      data: { statementId: 'st-1', changes: { venue: 'MSP' }, reason: 'r', correctedOn: '2016-02-02' },
    });
    const incident = model.incidents.get('inc-1')!;
    expect(incident.statementIds).toEqual(['st-2', 'st-1']);
    expect(incident.userStatementIds).toEqual(['st-2', 'st-1']);
    expect(model.statementsByState.get('SAU')).toEqual(['st-1', 'st-2']);
  });
});

describe('evolveRegistry: the lean model of the live projection', () => {
  function lean(...events: RegistryEvent[]): RegistryModel {
    const model = createRegistryModel({ keepAuditEntries: false });
    const log = new EventLog();
    for (const e of events) evolveRegistry(model, log.add(e));
    return model;
  }
  const story = [
    ...sources,
    alleged,
    statement('st-1', ['GBR'], 'CONCERN', '2016-02-01', ['inc-1']),
    {
      type: 'IncidentWithdrawn',
      data: { incidentId: 'inc-1', reason: 'error', withdrawnOn: '2016-03-01' },
    } as RegistryEvent,
  ];

  it('keeps event ids and evidence dates of the audit trail, no entries, and the same status-change causes', () => {
    const model = lean(...story);
    const full = given(...story).model;
    const trail = model.incidents.get('inc-1')!.audit;
    expect(trail.entries).toBeNull();
    expect(trail.eventIds).toEqual(full.incidents.get('inc-1')!.audit.entries!.map((a) => a.eventId));
    expect(trail.evidenceDates).toEqual(['2016-01-10', '2016-02-01', '2016-03-01']);
    expect(getIncident(model, 'inc-1')!.statusChanges).toEqual(getIncident(full, 'inc-1')!.statusChanges);
    expect(() => incidentHistory(model, 'inc-1')).toThrow(/replay/);
    expect(incidentHistory(model, 'nope')).toBeNull();
  });

  it('shares the one-id lists of statements without changing the events it folds', () => {
    const events = [
      statement('st-1', ['GBR'], 'CONCERN', '2016-02-01', ['inc-1']),
      statement('st-2', ['GBR'], 'CONCERN', '2016-02-02', ['inc-1', 'inc-9']),
    ];
    const before = structuredClone(events);
    const model = lean(...sources, alleged, ...events);
    expect(events).toEqual(before);
    const [a, b] = ['st-1', 'st-2'].map((id) => model.statements.get(id)!);
    expect(a.speakers).toBe(b.speakers);
    expect(a.incidentIds).toEqual(['inc-1']);
    expect(b.incidentIds).toEqual(['inc-1', 'inc-9']);
  });

  it("tracks the alleged user's own statements through user corrections, and remembers statements moved away", () => {
    const model = lean(
      ...sources,
      alleged,
      allege('inc-9', '2016-01-11', corroboration('c9', 'ai', '2016-01-11')),
      statement('st-1', ['SAU'], 'DENIAL', '2016-02-01', ['inc-1']),
      statement('st-2', ['GBR'], 'CONCERN', '2016-02-01', ['inc-1']),
    );
    const incident = model.incidents.get('inc-1')!;
    expect([...incident.userStatementIds]).toEqual(['st-1']);
    evolveRegistry(
      model,
      new EventLog().add({
        type: 'IncidentCorrected',
        data: {
          incidentId: 'inc-1',
          changes: { allegedUser: { kind: 'STATE', stateCodes: ['GBR'] } },
          reason: 'r',
          correctedOn: '2016-02-03',
        },
      }),
    );
    expect([...incident.userStatementIds]).toEqual(['st-2']);
    evolveRegistry(
      model,
      new EventLog().add({
        type: 'StatementCorrected',
        data: { statementId: 'st-2', changes: { incidentIds: ['inc-9'] }, reason: 'r', correctedOn: '2016-02-04' },
      }),
    );
    expect([...incident.userStatementIds]).toEqual([]);
    expect(incident.formerStatementIds).toEqual(['st-2']);
    expect(model.incidents.get('inc-9')!.formerStatementIds).toEqual([]);
  });
});

describe('evolveRegistry: what it cannot read', () => {
  it('skips unknown, newer and corrupt events, counts them and keeps the last 100 ids', () => {
    const { model, log } = given(...sources, alleged);
    const bad = [
      log.raw('SomethingNew', { x: 1 }),
      log.raw('UseAlleged', { incidentId: 'inc-x' }),
      log.raw('SourceRegistered', { sourceId: 's', name: 'n', kind: 'NGO', grade: 'A' }, { schemaVersion: 99 }),
    ];
    for (const e of bad) expect(evolveRegistry(model, e)).toMatchObject({ skipped: true, statusChanges: [] });
    expect(model).toMatchObject({ skipped: 3, skippedEventIds: bad.map((e) => e.id), checkpoint: bad[2].position });
    expect(model.sources.has('s')).toBe(false);
    for (let i = 0; i < 120; i++) evolveRegistry(model, log.raw('Junk', {}));
    expect(model.skipped).toBe(123);
    expect(model.skippedEventIds).toHaveLength(100);
    expect(model.skippedEventIds.at(-1)).toBe(log.events.at(-1)!.id);
  });

  it('remembers idempotency keys with the position of the last event of the command', () => {
    const model = createRegistryModel();
    const log = new EventLog();
    const e = log.add(alleged);
    e.metadata.idempotencyKey = 'key-1';
    e.metadata.inputHash = 'h1';
    evolveRegistry(model, e);
    expect(model.idempotency.get('key-1')).toEqual({ inputHash: 'h1', stream: 'incident-inc-1', position: e.position });
  });
});

describe('evolveRegistry: situations and resolution votes', () => {
  const yemen: RegistryEvent = {
    type: 'SituationRegistered',
    data: {
      situationId: 'yemen',
      name: 'Yemen',
      countryCodes: ['YEM'],
      allegedUsers: [{ stateCodes: ['SAU'] }],
      period: { from: '2015-03-26' },
    },
  };
  const vote: RegistryEvent = {
    type: 'ResolutionVoteRecorded',
    data: {
      resolutionId: 'r1',
      symbol: 'A/RES/71/203',
      title: 't',
      venue: 'UNGA',
      adoptedOn: '2016-12-19',
      kind: 'CONCERN',
      incidentIds: [],
      scope: { situationIds: ['yemen'] },
      votes: [{ stateCode: 'NOR', vote: 'YES' }],
    },
  };

  it('registers and corrects a situation, keeping what each correction replaced', () => {
    const { model, when } = given(yemen);
    when({
      type: 'SituationCorrected',
      data: {
        situationId: 'yemen',
        changes: { name: 'Yemen (Saudi-led coalition)' },
        reason: 'clearer',
        correctedOn: '2016-02-01',
      },
    });
    const s = model.situations.get('yemen')!;
    expect(s).toMatchObject({ name: 'Yemen (Saudi-led coalition)' });
    expect(s.corrections.map((c) => [c.changes, c.before])).toEqual([
      [{ name: 'Yemen (Saudi-led coalition)' }, { name: 'Yemen' }],
    ]);
  });

  it('keeps a resolution with its votes; a second recording of one id is irregular and changes nothing', () => {
    const { model, when } = given(vote);
    expect(model.resolutions.get('r1')).toMatchObject({
      symbol: 'A/RES/71/203',
      votes: [{ stateCode: 'NOR', vote: 'YES' }],
    });
    when({ ...vote, data: { ...vote.data, symbol: 'other' } });
    expect(model.resolutions.get('r1')!.symbol).toBe('A/RES/71/203');
    expect(model.irregularEvents).toBe(1);
  });

  it('puts an incident in a situation on allegation and moves it by a correction, keeping the history', () => {
    const { model, when } = given(
      ...sources,
      yemen,
      allege('inc-1', '2016-01-10', corroboration('c1', 'ai', '2016-01-10'), { situationId: 'yemen' }),
    );
    expect(model.incidents.get('inc-1')!.details.situationId).toBe('yemen');
    when({
      type: 'IncidentCorrected',
      data: { incidentId: 'inc-1', changes: { situationId: 'other' }, reason: 'r', correctedOn: '2016-02-01' },
    });
    const incident = model.incidents.get('inc-1')!;
    expect(incident.details.situationId).toBe('other');
    expect(incident.corrections[0].before).toEqual({ situationId: 'yemen' });
  });
});
