import { speakOutReport } from './speak-out.report';
import { ccmStates, statement, yemenStory } from './testing/event-log.fixtures';
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

describe('speakOutReport, both ways of finding the statements', () => {
  const more = yemenStory();
  // Recorded out of delivery order, a joint one naming two incidents, one moved by a correction.
  more.add(statement('st-usa-2', ['USA'], 'CONDEMNATION', '2016-03-01', ['inc-3', 'inc-1']));
  more.add(statement('st-usa-0', ['USA', 'GBR'], 'CONCERN', '2016-01-25', ['inc-1']));
  more.add(statement('st-moved', ['FRA'], 'CONDEMNATION', '2016-06-02', ['inc-1']));
  more.add({ type: 'StatementCorrected', data: { statementId: 'st-moved', changes: { incidentIds: ['inc-3'] }, reason: 'wrong incident',
    correctedOn: '2016-06-03' } });
  const m = buildModel(more.events);
  const filters = [{}, { countryCode: 'YEM' }, { countryCode: 'SYR' }, { incidentIds: ['inc-2'] }, { allegedUser: 'SAU' }];
  const dates = [undefined, '2016-01-31', '2016-03-10', '2016-06-30'];

  it.each(filters.flatMap((f) => dates.map((d) => [f, d] as const)))('same report for %j as of %s', (filter, date) => {
    const scanned = speakOutReport(m, states, filter, date, { scanAll: true });
    const listed = speakOutReport(m, states, filter, date, { scanAll: false });
    expect(JSON.parse(JSON.stringify(scanned))).toEqual(JSON.parse(JSON.stringify(listed)));
  });

  it('lists a State\'s statements in recording order, a State Party\'s by delivery date', () => {
    for (const scanAll of [true, false]) {
      const report = speakOutReport(m, states, {}, undefined, { scanAll });
      expect(report.nonPartiesThatSpoke.find((s) => s.stateCode === 'USA')?.statementIds).toEqual(['st-usa', 'st-usa-2', 'st-usa-0']);
      expect(report.condemned.find((s) => s.stateCode === 'GBR')?.statementIds).toEqual(['st-joint']);
      expect(report.expressedConcern.map((s) => [s.stateCode, s.statementIds])).toEqual([['NLD', ['st-nld']]]);
      expect(report.condemned.find((s) => s.stateCode === 'FRA')).toMatchObject({ statementIds: ['st-joint', 'st-moved'],
        incidentIds: ['inc-1', 'inc-3'] });
    }
  });
});
