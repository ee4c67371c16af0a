import { instantOf } from './date-time.scalar';

describe('a DateTime input', () => {
  it.each([
    ['2016-06-01T00:00:00Z', '2016-06-01T00:00:00.000Z'],
    ['2016-06-01T23:59:59.5Z', '2016-06-01T23:59:59.500Z'],
    ['2016-06-01T10:30+02:00', '2016-06-01T08:30:00.000Z'],
    ['2016-06-01', '2016-06-01T00:00:00.000Z'],
    ['2016-02-29', '2016-02-29T00:00:00.000Z'],
    ['0000-01-01T00:00:00Z', '0000-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('%s is the instant %s', (given, instant) => {
    expect(instantOf(given).toISOString()).toBe(instant);
  });

  it.each([
    ['a number', 5],
    ['a boolean', true],
    ['nothing', undefined],
    ['a word', 'yesterday'],
    ['digits new Date takes for a month', '5'],
    ['a day as a locale writes it', '1/2/2016'],
    ['a time without its offset', '2016-06-01T00:00:00'],
    ['a day the calendar does not have', '2016-02-30'],
    ['a month the calendar does not have', '2016-13-01'],
    ['a year of six digits', '+010000-01-01T00:00:00Z'],
    ['a year before 0000', '-000001-01-01T00:00:00Z'],
    ['an offset that moves it past 9999', '9999-12-31T23:00:00-05:00'],
  ])('%s (%p) is an invalid instant, which validation refuses', (_what, given) => {
    expect(Number.isNaN(instantOf(given).getTime())).toBe(true);
  });
});
