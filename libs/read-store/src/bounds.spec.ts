import { BoundsReader, lagWindowOn, type LagWindow, Touched } from './bounds';
import type { Rows } from './cut-rows';
import type { EvidenceQuery } from './evidence.queries';

/** One bounding query whose rows for every key are `rows`. */
function readingOf(rows: object[]) {
  const touched: EvidenceQuery = { key: 'x.id', sql: () => '', touched: { key: 'x.id', sql: () => '' } };
  const keys = new Touched();
  keys.add(touched, 'k1');
  const reader = new BoundsReader((() => rows) as unknown as Rows);
  return () => reader.of(keys);
}

const row = (lags: (string | null)[][]) => ({
  evidence_date: '2020-01-01',
  recorded_at: 0,
  rewrite_date: null,
  lags: JSON.stringify(lags),
});

describe('lag windows (LagWindow)', () => {
  it('runs from the earlier of a date and its recording day to the later, merged where they share a day', () => {
    const bounds = readingOf([
      row([
        ['2020-01-01', '2020-01-05'],
        ['2020-01-05', '2020-01-07'],
        ['2020-03-10', '2020-03-01'],
      ]),
      // A LEFT JOIN's missing row (nulls), and a row with no date: from before every day.
      row([['2019-06-01', '2019-06-01', null, null]]),
      row([[null, '2018-02-02']]),
    ])();
    expect(bounds.lagWindows).toEqual([
      ['', '2018-02-02'],
      ['2019-06-01', '2019-06-01'],
      ['2020-01-01', '2020-01-07'],
      ['2020-03-01', '2020-03-10'],
    ]);
  });

  it.each([
    ['2017-12-31', ['', '2018-02-02']],
    ['2018-02-03', undefined],
    ['2019-06-01', ['2019-06-01', '2019-06-01']],
    ['2020-01-07', ['2020-01-01', '2020-01-07']],
    ['2020-01-08', undefined],
    ['2021-01-01', undefined],
  ] as [string, LagWindow | undefined][])('on %s: %j', (day, window) => {
    const windows: LagWindow[] = [
      ['', '2018-02-02'],
      ['2019-06-01', '2019-06-01'],
      ['2020-01-01', '2020-01-07'],
      ['2020-03-01', '2020-03-10'],
    ];
    expect(lagWindowOn(day, windows)).toEqual(window);
  });

  it('a bounding query that selects no rewrite date, or no lags, is refused', () => {
    const { rewrite_date: _r, ...noRewrite } = row([]);
    const { lags: _l, ...noLags } = row([]);
    expect(readingOf([noRewrite])).toThrow('selects no rewrite_date');
    expect(readingOf([noLags])).toThrow('selects no lags');
  });
});
