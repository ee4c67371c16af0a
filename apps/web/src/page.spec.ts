import { countsFromTally } from './counts';
import { lagBins } from './lag-chart';
import { formatRoute, keepAsOf, parseRoute } from './route';
import { day, endOfDay, lagCell, lagWords, shortDay, verdictHeadline } from './words';

describe('hash routes', () => {
  it('parse each view with its id and parameters, and format back to the same address', () => {
    const cases = [
      '#/',
      '#/incident/abc-1?asOf=2016-05-24&clock=KNOWN',
      '#/speak-out?user=SAU&country=YEM',
      '#/state/GBR',
    ];
    for (const hash of cases) expect(formatRoute(parseRoute(hash))).toBe(hash);
    expect(parseRoute('#/incident/abc-1?asOf=2016-05-24')).toEqual({
      view: 'incident',
      id: 'abc-1',
      params: { asOf: '2016-05-24' },
    });
    expect(parseRoute('')).toEqual({ view: 'overview', params: {} });
    expect(parseRoute('#/nowhere')).toEqual({ view: 'overview', params: {} });
  });

  it('drop empty parameters and keep only the as-of ones between views', () => {
    expect(formatRoute({ view: 'overview', params: { country: '', status: 'CONFIRMED' } })).toBe('#/?status=CONFIRMED');
    expect(keepAsOf({ asOf: '2016-05-24', clock: 'RECORDED', country: 'YEM' })).toEqual({
      asOf: '2016-05-24',
      clock: 'RECORDED',
    });
  });
});

describe('words', () => {
  it('say dates, verdicts and lags in plain words', () => {
    expect(day('2016-05-25')).toBe('25 May 2016');
    expect(shortDay('2016-09-05')).toBe('5 Sep 2016');
    expect(day(null)).toBe('—');
    expect(endOfDay('2016-05-24')).toBe('2016-05-24T23:59:59Z');
    expect(
      verdictHeadline({
        status: 'CONFIRMED',
        readiness: 'CONDEMN',
        statusSince: '2016-05-25',
      }),
    ).toBe('Confirmed since 25 May 2016. States can condemn.');
    expect(lagWords(-1)).toBe('1 day before it was confirmed (anticipatory)');
    expect(lagWords(0)).toBe('on the day it was confirmed');
    expect(lagWords(208)).toBe('208 days after it was confirmed');
    expect(lagWords(null)).toBe('the incident was never confirmed');
    expect(lagCell(-12)).toBe('−12 days (anticipatory)');
    expect(lagCell(208)).toBe('+208 days');
    expect(lagCell(null)).toBe('—');
  });
});

describe('the lag chart', () => {
  it('counts each lag in its bin, a condemnation before confirmation apart', () => {
    expect(lagBins([-3, 0, 7, 8, 30, 31, 90, 91, 180, 181, 365, 366, 4000])).toEqual([1, 2, 2, 2, 2, 2, 2]);
    expect(lagBins([])).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('counts from the tally', () => {
  const cells = [
    { status: 'CONFIRMED', readiness: 'CONDEMN', count: 4 },
    { status: 'CORROBORATED', readiness: 'CONCERN', count: 3 },
    { status: 'ALLEGED', readiness: 'CONCERN', count: 2 },
    { status: 'ALLEGED', readiness: 'NONE', count: 1 },
  ] as const;

  it('sum every cell when nothing is chosen', () => {
    expect(countsFromTally(cells, {})).toEqual({
      all: 10,
      CONFIRMED: 4,
      CORROBORATED: 3,
      ALLEGED: 3,
      CONDEMN: 4,
      CONCERN: 5,
      NONE: 1,
    });
  });

  it('count each status under the chosen readiness, each readiness under the chosen status, and all under both', () => {
    expect(countsFromTally(cells, { status: ['ALLEGED'], readiness: ['CONCERN'] })).toEqual({
      all: 2,
      CORROBORATED: 3,
      ALLEGED: 2,
      CONCERN: 2,
      NONE: 1,
    });
  });
});
