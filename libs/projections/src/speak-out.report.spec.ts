import { speakOutReport } from './speak-out.report';
import { ccmStates, statement, yemenStory } from './testing/event-log.fixtures';
import { resolveIncidentId } from './model';
import { buildModel } from './time-travel';

const states = ccmStates();
const log = yemenStory();
// Ireland condemns before the registry confirms; Benin (a signatory until 2017) condemns late.
log.add(statement('st-irl', ['IRL'], 'CONDEMNATION', '2016-03-01', ['inc-1'], { venue: 'MSP' }));
log.add(statement('st-ben', ['BEN'], 'CONDEMNATION', '2016-06-01', ['inc-1'], { venue: 'NATIONAL' }));
const model = buildModel(log.events);
const codes = (list: { stateCode: string }[]) => list.map((s) => s.stateCode);

describe('speakOutReport', () => {
  it('sorts the States Parties into condemned, concerned and silent, with lags to first condemnation', () => {
    const report = speakOutReport(model, states, { countryCode: 'YEM' }, '2016-12-31');
    expect(report).toMatchObject({ asOf: '2016-12-31', incidentIds: ['inc-1'], confirmedIncidentIds: ['inc-1'] });
    expect(codes(report.condemned)).toEqual(['DEU', 'FRA', 'GBR', 'IRL']);
    expect(report.condemned[2]).toMatchObject({ statementIds: ['st-joint'], firstOn: '2016-04-01', incidentIds: ['inc-1'] });
    expect(codes(report.expressedConcern)).toEqual(['NLD']);
    expect(report.silent).toHaveLength(report.statesPartiesCount - 5);
    expect(codes(report.silent)).not.toContain('BEN'); // not a party on the report date
    expect(report.lags.map((l) => [l.stateCode, l.days])).toEqual([['DEU', 12], ['FRA', 12], ['GBR', 12], ['IRL', 0]]);
    expect(report).toMatchObject({ medianLagDays: 12, maxLagDays: 12 });
    expect(report.nonPartiesThatSpoke.map((s) => [s.stateCode, s.ccmStatus, s.kinds])).toEqual([
      ['BEN', 'SIGNATORY', ['CONDEMNATION']], ['SAU', 'NOT_PARTY', ['DENIAL']], ['USA', 'NOT_PARTY', ['CONCERN']]]);
  });

  it('counts a State Party by its membership on the report date', () => {
    const report = speakOutReport(model, states, { incidentIds: ['inc-2'] }, '2018-01-01');
    expect(codes(report.condemned)).toContain('BEN');
    expect(report.lags.find((l) => l.stateCode === 'BEN')).toMatchObject({ confirmedOn: '2016-03-20', condemnedOn: '2016-06-01', days: 73 });
    expect(report).toMatchObject({ medianLagDays: 12, maxLagDays: 73 });
  });

  it('has nobody silent between corroboration and confirmation', () => {
    const report = speakOutReport(model, states, { allegedUser: 'SAU' }, '2016-03-10');
    expect(report.confirmedIncidentIds).toEqual([]);
    expect(codes(report.condemned)).toEqual(['IRL']);
    expect(codes(report.expressedConcern)).toEqual(['NLD']);
    expect(report).toMatchObject({ silent: [], lags: [], medianLagDays: null, maxLagDays: null });
    expect(codes(report.nonPartiesThatSpoke)).toEqual(['SAU']);
  });

  it('matches incidents by occurrence range and alleged user; a withdrawn one confirms nothing', () => {
    const syria = speakOutReport(model, states, { allegedUser: 'SYR', from: '2016-05-01', to: '2016-05-31' });
    expect(syria).toMatchObject({ incidentIds: ['inc-3'], confirmedIncidentIds: [], condemned: [], silent: [] });
    expect(speakOutReport(model, states, { from: '2017-01-01' }).incidentIds).toEqual([]);
  });

  it('defaults the report date to the latest evidence date', () => {
    expect(speakOutReport(model, states).asOf).toBe('2016-12-19');
  });
});

describe('speakOutReport over the packed statement columns', () => {
  const more = yemenStory();
  // Recorded out of delivery order, a joint one naming two incidents, one moved by a correction.
  more.add(statement('st-usa-2', ['USA'], 'CONDEMNATION', '2016-03-01', ['inc-3', 'inc-1']));
  more.add(statement('st-usa-0', ['USA', 'GBR'], 'CONCERN', '2016-01-25', ['inc-1']));
  more.add(statement('st-moved', ['FRA'], 'CONDEMNATION', '2016-06-02', ['inc-1']));
  more.add({ type: 'StatementCorrected', data: { statementId: 'st-moved', changes: { incidentIds: ['inc-3'] }, reason: 'wrong incident',
    correctedOn: '2016-06-03' } });
  // More speakers and incidents than the columns hold inline (and a repeated one).
  more.add(statement('st-many', ['NOR', 'IRL', 'DEU', 'GBR', 'FRA', 'IRL'], 'CONDEMNATION', '2016-05-05', ['inc-1', 'inc-2', 'inc-3']));
  const m = buildModel(more.events);
  const filters = [{}, { countryCode: 'YEM' }, { countryCode: 'SYR' }, { incidentIds: ['inc-2'] }, { allegedUser: 'SAU' }];
  const dates = [undefined, '2016-01-31', '2016-03-10', '2016-06-30'];

  /** Each State's statements about the report's incidents, read the plain way from the statement objects. */
  function spokenByState(filter: object, date: string | undefined) {
    const report = speakOutReport(m, states, filter, date);
    const about = new Set(report.incidentIds);
    const byState = new Map<string, string[]>();
    for (const s of m.statements.values()) {
      if (s.deliveredOn > report.asOf || !s.incidentIds.some((id) => about.has(resolveIncidentId(m, id)))) continue;
      for (const code of new Set(s.speakers)) byState.set(code, [...(byState.get(code) ?? []), s.statementId]);
    }
    return { report, byState };
  }

  it.each(filters.flatMap((f) => dates.map((d) => [f, d] as const)))('finds the statements the objects hold, for %j as of %s', (filter, date) => {
    const { report, byState } = spokenByState(filter, date);
    for (const speaker of report.nonPartiesThatSpoke) expect(speaker.statementIds).toEqual(byState.get(speaker.stateCode));
    for (const party of [...report.condemned, ...report.expressedConcern]) {
      const kinds = report.condemned.includes(party) ? ['CONDEMNATION'] : ['CONCERN', 'CALL_FOR_INVESTIGATION'];
      const expected = (byState.get(party.stateCode) ?? []).map((id) => m.statements.get(id)!)
        .filter((s) => kinds.includes(s.kind)).sort((a, b) => (a.deliveredOn < b.deliveredOn ? -1 : a.deliveredOn > b.deliveredOn ? 1 : 0));
      expect(party.statementIds).toEqual(expected.map((s) => s.statementId));
      expect(party.firstOn).toBe(expected[0].deliveredOn);
    }
    // Every State that spoke is somewhere in the report, and never among the silent.
    const listed = new Set([...report.condemned, ...report.expressedConcern, ...report.nonPartiesThatSpoke].map((s) => s.stateCode));
    const silent = new Set(report.silent.map((s) => s.stateCode));
    for (const code of byState.keys()) {
      const kinds = byState.get(code)!.map((id) => m.statements.get(id)!.kind);
      if (kinds.some((k) => ['CONDEMNATION', 'CONCERN', 'CALL_FOR_INVESTIGATION'].includes(k))) expect(listed.has(code)).toBe(true);
      if (kinds.includes('CONDEMNATION')) expect(silent.has(code)).toBe(false);
    }
  });

  it('lists a State\'s statements in recording order, a State Party\'s by delivery date', () => {
    const report = speakOutReport(m, states, {});
    expect(report.nonPartiesThatSpoke.find((s) => s.stateCode === 'USA')?.statementIds).toEqual(['st-usa', 'st-usa-2', 'st-usa-0']);
    expect(report.condemned.find((s) => s.stateCode === 'GBR')?.statementIds).toEqual(['st-joint', 'st-many']);
    expect(report.condemned.find((s) => s.stateCode === 'IRL')?.statementIds).toEqual(['st-many']);
    expect(report.expressedConcern.map((s) => [s.stateCode, s.statementIds])).toEqual([['NLD', ['st-nld']]]);
    expect(report.condemned.find((s) => s.stateCode === 'FRA')).toMatchObject({ statementIds: ['st-joint', 'st-many', 'st-moved'],
      incidentIds: ['inc-1', 'inc-3'] });
  });
});
