import type { StatementScope } from '@app/domain';
import { type ResponseLine, speakOutReport } from './speak-out.report';
import { responseMatrix } from './response-matrix';
import { ccmStates, EventLog, statement, yemenStory } from './testing/event-log.fixtures';
import { buildModel } from './time-travel';

const states = ccmStates();

/**
 * A situation, its alleged user and a generic declaration, on top of the Yemen story (inc-1 CONFIRMED on 2016-03-20).
 */
export function yemenSituationStory(log = new EventLog()): EventLog {
  yemenStory(log);
  const scoped = (
    id: string,
    speakers: string[],
    on: string,
    scope: StatementScope,
    kind: 'CONDEMNATION' | 'CONCERN' = 'CONDEMNATION',
  ) => log.add(statement(id, speakers, kind, on, [], { scope }));
  log.add({
    type: 'SituationRegistered',
    data: {
      situationId: 'yemen',
      name: 'Yemen: the Saudi-led coalition',
      countryCodes: ['YEM'],
      allegedUsers: [{ stateCodes: ['SAU', 'ARE'], name: 'Saudi-led coalition' }],
      period: { from: '2015-03-26' },
    },
  });
  log.add({
    type: 'SituationRegistered',
    data: {
      situationId: 'syria',
      name: 'Syria',
      countryCodes: ['SYR'],
      allegedUsers: [{ stateCodes: ['SYR', 'RUS'] }],
      period: { from: '2012-07-01' },
    },
  });
  log.add({
    type: 'IncidentCorrected',
    data: {
      incidentId: 'inc-1',
      changes: { situationId: 'yemen' },
      reason: 'part of the war',
      correctedOn: '2016-03-01',
    },
  });
  scoped('st-irl', ['IRL'], '2016-03-01', { situationIds: ['yemen'] }); // anticipatory: before confirmation
  scoped('st-esp', ['ESP'], '2016-05-01', { allegedUser: { stateCodes: ['SAU'] } });
  scoped('st-ita', ['ITA'], '2016-06-01', { allegedUser: { stateCodes: [], name: 'saudi-led Coalition' } });
  scoped('st-swe', ['SWE'], '2016-06-01', { situationIds: ['syria'] }); // another situation: not about Yemen
  scoped('st-prt', ['PRT'], '2016-06-01', { allegedUser: { stateCodes: ['RUS'] } }); // another user
  scoped('st-generic', ['AUT', 'CHE', 'DEU', 'NLD'], '2016-09-20', { generic: true });
  log.add({
    type: 'ResolutionVoteRecorded',
    data: {
      resolutionId: 'r1',
      symbol: 'A/RES/71/999',
      title: 'Yemen',
      venue: 'UNGA',
      adoptedOn: '2016-12-19',
      kind: 'CONDEMNATION',
      incidentIds: [],
      scope: { situationIds: ['yemen'] },
      votes: [
        { stateCode: 'BEL', vote: 'YES' },
        { stateCode: 'MEX', vote: 'ABSTAIN' },
        { stateCode: 'USA', vote: 'YES' },
        { stateCode: 'SWE', vote: 'ABSENT' },
      ],
    },
  });
  // Lithuania's withdrawal took effect on 2025-03-06
  scoped('st-ltu', ['LTU'], '2024-06-01', { situationIds: ['yemen'] });
  return log;
}

const model = buildModel(yemenSituationStory().events);
const line = (lines: ResponseLine[], code: string) => lines.find((l) => l.stateCode === code);
const row = (l: ResponseLine | undefined) =>
  l && [l.kind, l.scope, l.on, l.statementId ?? l.resolutionId, l.lagDays, l.genericCondemnationOn];

describe('speakOutReport v2: the counting rules', () => {
  const report = speakOutReport(model, states, { situationId: 'yemen' }, '2016-12-31');

  it("reports on the situation's incidents (a merged duplicate resolves), confirmed since 2016-03-20", () => {
    expect(report).toMatchObject({
      asOf: '2016-12-31',
      incidentIds: ['inc-1'],
      confirmedIncidentIds: ['inc-1'],
      firstConfirmations: [{ incidentId: 'inc-1', firstConfirmedOn: '2016-03-20' }],
    });
    expect(report.statesParties).toHaveLength(report.statesPartiesCount);
  });

  it.each([
    // State: [strongest kind, its scope, its date, the statement or resolution, lag in days,
    //   first generic condemnation]
    ['GBR', 'CONDEMNATION', 'INCIDENT', '2016-04-01', 'st-joint', 12, null], // joint, naming the merged duplicate
    ['FRA', 'CONDEMNATION', 'INCIDENT', '2016-04-01', 'st-joint', 12, null],
    ['DEU', 'CONDEMNATION', 'INCIDENT', '2016-04-01', 'st-joint', 12, '2016-09-20'],
    // the incident beats its generic one
    ['IRL', 'CONDEMNATION', 'SITUATION', '2016-03-01', 'st-irl', -19, null], // anticipatory: negative, not clamped
    ['ESP', 'CONDEMNATION', 'USER', '2016-05-01', 'st-esp', 42, null], // by State code
    ['ITA', 'CONDEMNATION', 'USER', '2016-06-01', 'st-ita', 73, null], // by the group's name, case ignored
    ['AUT', 'CONDEMNATION', 'GENERIC', '2016-09-20', 'st-generic', 184, '2016-09-20'],
    ['NLD', 'CONDEMNATION', 'GENERIC', '2016-09-20', 'st-generic', 184, '2016-09-20'],
    // a generic condemnation beats concern
    ['BEL', 'CONDEMNATION', 'SITUATION', '2016-12-19', 'r1', 274, null], // a YES vote counts as a condemnation
    ['MEX', null, null, null, null, null, null], // abstained: shown, not counted
    ['SWE', null, null, null, null, null, null], // spoke about Syria only; absent from the vote
    ['PRT', null, null, null, null, null, null], // named another user
  ])('%s: %s at %s scope on %s (%s), lag %s', (code, kind, scope, on, id, lag, generic) => {
    expect(row(line(report.statesParties, code))).toEqual([kind, scope, on, id, lag, generic]);
  });

  it('partitions the States Parties into condemned, concerned and silent; votes other than YES are shown', () => {
    const total = report.condemned.length + report.expressedConcern.length + report.silent.length;
    expect(total).toBe(report.statesPartiesCount);
    expect(report.expressedConcern).toEqual([]);
    expect(line(report.silent, 'MEX')?.votes).toEqual([
      { resolutionId: 'r1', symbol: 'A/RES/71/999', vote: 'ABSTAIN', adoptedOn: '2016-12-19' },
    ]);
    expect(line(report.silent, 'SWE')?.votes.map((v) => v.vote)).toEqual(['ABSENT']);
    expect(line(report.statesParties, 'IRL')).toMatchObject({ anticipatory: true, ccmStatus: 'STATE_PARTY' });
  });

  it('lists non-parties that spoke with the same columns', () => {
    expect(report.nonPartiesThatSpoke.map((l) => [l.stateCode, l.ccmStatus, l.kind, l.scope, l.kinds])).toEqual([
      ['SAU', 'NOT_PARTY', null, null, ['DENIAL']],
      ['USA', 'NOT_PARTY', 'CONDEMNATION', 'SITUATION', ['CONCERN', 'CONDEMNATION']],
    ]);
  });

  it('computes one lag per State Party and per confirmed incident, and their median, minimum and maximum', () => {
    expect(report.lags.find((l) => l.stateCode === 'IRL')).toEqual({
      stateCode: 'IRL',
      incidentId: 'inc-1',
      firstConfirmedOn: '2016-03-20',
      condemnedOn: '2016-03-01',
      days: -19,
      anticipatory: true,
    });
    expect(report).toMatchObject({ minLagDays: -19, maxLagDays: 274 });
    expect(report.medianLagDays).toBe(42 + (73 - 42) / 2); // -19 12 12 12 42 | 73 184 184 184 274
  });

  it('counts alike for the alleged user and for the incidents (the situation statement covers its incident)', () => {
    for (const filter of [
      { allegedUser: 'SAU' },
      { allegedGroup: 'Saudi-led coalition' },
      { incidentIds: ['inc-2'] },
    ]) {
      const other = speakOutReport(model, states, filter, '2016-12-31');
      expect(other.statesParties.map(row)).toEqual(report.statesParties.map(row));
    }
  });

  it('before confirmation: responses count, no lag yet; later ones are not seen', () => {
    const early = speakOutReport(model, states, { situationId: 'yemen' }, '2016-03-10');
    expect(early).toMatchObject({ confirmedIncidentIds: [], firstConfirmations: [], lags: [], medianLagDays: null });
    expect(row(line(early.condemned, 'IRL'))).toEqual([
      'CONDEMNATION',
      'SITUATION',
      '2016-03-01',
      'st-irl',
      null,
      null,
    ]);
    expect(row(line(early.expressedConcern, 'NLD'))).toEqual([
      'CONCERN',
      'INCIDENT',
      '2016-02-20',
      'st-nld',
      null,
      null,
    ]);
    expect(line(early.silent, 'GBR')).toBeDefined();
  });

  it('counts a State by its membership on the report date: after its withdrawal it speaks as a non-party', () => {
    const before = speakOutReport(model, states, { situationId: 'yemen' }, '2024-12-31');
    expect(row(line(before.condemned, 'LTU'))).toEqual([
      'CONDEMNATION',
      'SITUATION',
      '2024-06-01',
      'st-ltu',
      2995,
      null,
    ]);
    const after = speakOutReport(model, states, { situationId: 'yemen' }, '2025-12-31');
    expect(line(after.statesParties, 'LTU')).toBeUndefined();
    expect(line(after.nonPartiesThatSpoke, 'LTU')).toMatchObject({
      ccmStatus: 'NOT_PARTY',
      kind: 'CONDEMNATION',
      lagDays: 2995,
    });
    expect(after.statesPartiesCount).toBe(before.statesPartiesCount - 1);
  });

  it('a statement corrected to another incident or scope counts where it now points', () => {
    const log = yemenSituationStory();
    log.add({
      type: 'StatementCorrected',
      data: {
        statementId: 'st-irl',
        changes: { scope: { situationIds: ['syria'] } },
        reason: 'it was about Syria',
        correctedOn: '2016-03-02',
      },
    });
    log.add({
      type: 'StatementCorrected',
      data: {
        statementId: 'st-generic',
        changes: { speakers: ['AUT'] },
        reason: 'only Austria',
        correctedOn: '2016-09-21',
      },
    });
    const corrected = speakOutReport(buildModel(log.events), states, { situationId: 'yemen' }, '2016-12-31');
    expect(line(corrected.silent, 'IRL')).toBeDefined();
    expect(row(line(corrected.statesParties, 'NLD'))).toEqual([
      'CONCERN',
      'INCIDENT',
      '2016-02-20',
      'st-nld',
      null,
      null,
    ]);
    expect(line(corrected.statesParties, 'DEU')?.genericCondemnationOn).toBeNull();
  });

  it('defaults the report date to the latest evidence date', () => {
    expect(speakOutReport(model, states).asOf).toBe('2024-06-01');
  });
});

describe('responseMatrix', () => {
  it("gives every State Party a cell per subject, each its line in that subject's report", () => {
    const { asOf, rows } = responseMatrix(
      model,
      states,
      { situationIds: ['yemen', 'syria'], incidentIds: ['inc-2'] },
      '2016-12-31',
    );
    const report = speakOutReport(model, states, { situationId: 'yemen' }, '2016-12-31');
    expect(asOf).toBe('2016-12-31');
    expect(rows).toHaveLength(report.statesPartiesCount * 3);
    const cell = (code: string, id: string) => rows.find((r) => r.stateCode === code && r.subjectId === id);
    expect(cell('IRL', 'yemen')).toMatchObject({
      subjectKind: 'SITUATION',
      kind: 'CONDEMNATION',
      scope: 'SITUATION',
      lagDays: -19,
    });
    expect(cell('IRL', 'inc-2')).toMatchObject({ subjectKind: 'INCIDENT', kind: 'CONDEMNATION', scope: 'SITUATION' });
    expect(cell('SWE', 'syria')).toMatchObject({ kind: 'CONDEMNATION', scope: 'SITUATION', lagDays: null });
    expect(cell('SWE', 'yemen')).toMatchObject({ kind: null });
  });
});
