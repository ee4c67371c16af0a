import type { StatusChange } from './assessment';
import { DEFAULT_POLICY, POLICY_V1 } from './policy-config';
import { confirmationOf, statusHistory } from './status-history';
import { assess, assessWithHistory, statusOn } from './assess';
import { evidenceDates, latestEvidenceDate } from './evidence-cut';
import { dis, incident, inv, kinds, retracted, said, sup, withdrawn } from './policy-test.factory';

const change = (status: StatusChange['status'], on: string, rule: string) =>
  expect.objectContaining({ status, on, rule });
/** The ISO day before `on`. */
const previousDay = (on: string) => new Date(Date.parse(`${on}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const nextDay = (on: string) => new Date(Date.parse(`${on}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const amnesty = sup('c-amnesty', 'amnesty', 'B', '2016-05-23');
const hrw = sup('c-hrw', 'hrw', 'A', '2016-05-27');
/** Confirmed, contested, not confirmed, back to confirmed (policy 1.0.0). */
const swings = incident(
  amnesty,
  sup('c-hrw', 'hrw', 'A', '2016-05-27', kinds('EXPERT_IDENTIFICATION')),
  dis('c-panel', 'un-panel', 'A', '2016-07-01'),
  inv('i-un', '2016-06-01', ['USE_NOT_CONFIRMED', '2016-09-01']),
  sup('c-ai2', 'amnesty', 'B', '2016-11-01', kinds('FIELD_VISIT')),
  said('s-ack', 'ACKNOWLEDGEMENT', ['SAU'], '2016-12-19'),
);

describe('statusHistory', () => {
  it('follows the Yemen case: allegation, second source, investigation announced, acknowledgement', () => {
    const evidence = incident(
      amnesty,
      hrw,
      said('s-den', 'DENIAL', ['SAU'], '2016-06-02'),
      inv('i-uk', '2016-06-15', ['USE_CONFIRMED', '2016-12-19'], 'GBR'),
      said('s-ack', 'ACKNOWLEDGEMENT', ['SAU'], '2016-12-19'),
    );
    expect(statusHistory(evidence)).toEqual([
      {
        status: 'ALLEGED',
        readiness: 'CONCERN',
        on: '2016-05-23',
        rule: 'ALLEGED_BY_SOURCE',
        evidenceIds: ['c-amnesty'],
      },
      {
        status: 'CORROBORATED',
        readiness: 'CONCERN',
        on: '2016-05-27',
        rule: 'CORROBORATED_BY_INDEPENDENT_SOURCES',
        evidenceIds: ['c-amnesty', 'c-hrw'],
      },
      {
        status: 'CONFIRMED',
        readiness: 'CONDEMN',
        on: '2016-12-19',
        rule: 'CONFIRMED_BY_ACKNOWLEDGEMENT',
        evidenceIds: ['s-ack'],
      },
    ]);
  });

  it('records a fall after a retraction, then the withdrawal', () => {
    const evidence = incident(
      amnesty,
      sup('c-hrw', 'hrw', 'A', '2016-05-27', retracted('2016-06-10')),
      withdrawn('2016-07-01'),
    );
    expect(statusHistory(evidence)).toEqual([
      change('ALLEGED', '2016-05-23', 'ALLEGED_BY_SOURCE'),
      change('CORROBORATED', '2016-05-27', 'CORROBORATED_BY_INDEPENDENT_SOURCES'),
      change('ALLEGED', '2016-06-10', 'ALLEGED_BY_SOURCE'),
      change('WITHDRAWN', '2016-07-01', 'WITHDRAWN_INCIDENT'),
    ]);
  });

  it('goes confirmed, contested, not confirmed, back to confirmed on later physical evidence (policy 1.0.0)', () => {
    const evidence = swings;
    // Under 2.0.0 the finding of no use facing HRW's expert identification contests instead (see assess.spec).
    expect(statusHistory(evidence, POLICY_V1)).toEqual([
      change('ALLEGED', '2016-05-23', 'ALLEGED_BY_SOURCE'),
      change('CONFIRMED', '2016-05-27', 'CONFIRMED_BY_PHYSICAL_EVIDENCE'),
      change('CONTESTED', '2016-07-01', 'CONTESTED_BY_CREDIBLE_SOURCE'),
      change('NOT_CONFIRMED', '2016-09-01', 'NOT_CONFIRMED_BY_INVESTIGATION'),
      change('CONTESTED', '2016-11-01', 'CONTESTED_BY_CREDIBLE_SOURCE'),
      change('CONFIRMED', '2016-12-19', 'CONFIRMED_BY_ACKNOWLEDGEMENT'),
    ]);
  });

  it('starts with the first supporting report, not with earlier evidence of other kinds', () => {
    const evidence = incident(inv('i-un', '2016-05-01'), said('s1', 'CONCERN', ['NOR'], '2016-05-10'), amnesty);
    expect(statusHistory(evidence)).toEqual([change('ALLEGED', '2016-05-23', 'ALLEGED_BY_SOURCE')]);
    expect(statusHistory(incident())).toEqual([]);
  });

  it('stops at asOf, and uses the policy it is given', () => {
    const evidence = incident(amnesty, hrw);
    expect(statusHistory(evidence, DEFAULT_POLICY, '2016-05-26')).toEqual([
      change('ALLEGED', '2016-05-23', 'ALLEGED_BY_SOURCE'),
    ]);
    expect(statusHistory(evidence, { ...DEFAULT_POLICY, minIndependentSources: 3 })).toHaveLength(1);
  });

  it('comes with the assessment in one pass from assessWithHistory', () => {
    const evidence = incident(amnesty, hrw, said('s-ack', 'ACKNOWLEDGEMENT', ['SAU'], '2016-12-19'));
    expect(assessWithHistory(evidence, DEFAULT_POLICY, '2016-06-01')).toEqual({
      assessment: assess(evidence, DEFAULT_POLICY, '2016-06-01'),
      history: statusHistory(evidence, DEFAULT_POLICY, '2016-06-01'),
      statusOnDates: expect.any(Array),
    });
    expect(latestEvidenceDate(evidence)).toBe('2016-12-19');
  });

  it('keeps the status from each evidence date where it changes: the last on or before a day is its status', () => {
    // The denial and the later HRW report change nothing: their dates are not kept.
    const evidence = incident(
      amnesty,
      hrw,
      said('s-den', 'DENIAL', ['SAU'], '2016-06-02'),
      sup('c-hrw-2', 'hrw', 'A', '2016-07-01'),
      said('s-ack', 'ACKNOWLEDGEMENT', ['SAU'], '2016-12-19'),
    );
    const dates = evidenceDates(evidence);
    const { statusOnDates } = assessWithHistory(evidence);
    expect(statusOnDates.map((day) => day.on)).toEqual(['2016-05-23', '2016-05-27', '2016-12-19']);
    expect(dates).toEqual(expect.arrayContaining(['2016-06-02', '2016-07-01']));
    const keptOn = (day: string) => statusOnDates.filter((kept) => kept.on <= day).pop();
    for (const [k, date] of dates.entries()) {
      const dayBeforeNext = k + 1 < dates.length ? previousDay(dates[k + 1]) : '2030-01-01';
      for (const day of [date, dayBeforeNext]) {
        const { on: _on, ...status } = keptOn(day)!;
        expect({ day, status }).toEqual({ day, status: statusOn(evidence, DEFAULT_POLICY, day) });
      }
    }
    expect(keptOn(previousDay(dates[0]))).toBeUndefined();
    expect(assessWithHistory(evidence, DEFAULT_POLICY, '2016-06-01').statusOnDates).toEqual(
      statusOnDates.filter((day) => day.on <= '2016-06-01'),
    );
  });
});

describe('confirmationOf', () => {
  const cases = {
    yemen: incident(
      amnesty,
      hrw,
      said('s-den', 'DENIAL', ['SAU'], '2016-06-02'),
      inv('i-uk', '2016-06-15', ['USE_CONFIRMED', '2016-12-19'], 'GBR'),
      said('s-ack', 'ACKNOWLEDGEMENT', ['SAU'], '2016-12-19'),
    ),
    'retracted, then withdrawn': incident(
      amnesty,
      sup('c-hrw', 'hrw', 'A', '2016-05-27', retracted('2016-06-10')),
      withdrawn('2016-07-01'),
    ),
    'confirmed, contested, not confirmed, confirmed again': swings,
    'a statement before any report': incident(said('s-den', 'DENIAL', ['SAU'], '2016-05-01'), amnesty),
    'no evidence': incident(),
  };
  const table = Object.entries(cases).flatMap(([name, evidence]) =>
    [DEFAULT_POLICY, POLICY_V1].flatMap((policy) =>
      [undefined, '2016-01-01', ...evidenceDates(evidence).flatMap((on) => [previousDay(on), on])].map(
        (asOf) => [name, policy.version, asOf ?? 'all', evidence, policy, asOf] as const,
      ),
    ),
  );

  it.each(table)('%s under %s, as of %s: the status and first confirmation of the history', (...row) => {
    const [, , , evidence, policy, asOf] = row;
    const { assessment, history } = assessWithHistory(evidence, policy, asOf);
    expect(confirmationOf(evidence, policy, asOf)).toEqual({
      status: assessment.status,
      confirmedOn: history.find((change) => change.status === 'CONFIRMED')?.on ?? null,
    });
  });

  it.each(table)('%s under %s, as of %s: the same when the first confirmation before a date is known', (...row) => {
    const [, , , evidence, policy, asOf] = row;
    const { history } = assessWithHistory(evidence, policy);
    const befores = ['2016-01-01', ...evidenceDates(evidence).flatMap((on) => [on, nextDay(on)])];
    // As a report knows them: statuses on dates before one on or before the day asked about.
    for (const before of befores.filter((on) => asOf === undefined || on <= asOf)) {
      const confirmedOn = history.find((change) => change.status === 'CONFIRMED' && change.on < before)?.on ?? null;
      expect({ before, ...confirmationOf(evidence, policy, asOf, { before, confirmedOn }) }).toEqual({
        before,
        ...confirmationOf(evidence, policy, asOf),
      });
    }
  });

  it('the table holds confirmations, later changes of status, and none', () => {
    const firsts = table.map(([, , , evidence, policy, asOf]) => confirmationOf(evidence, policy, asOf));
    expect(firsts.filter((f) => f.confirmedOn !== null && f.status !== 'CONFIRMED').length).toBeGreaterThan(2);
    expect(firsts.filter((f) => f.confirmedOn !== null && f.status === 'CONFIRMED').length).toBeGreaterThan(2);
    expect(firsts.filter((f) => f.confirmedOn === null).length).toBeGreaterThan(2);
  });
});
