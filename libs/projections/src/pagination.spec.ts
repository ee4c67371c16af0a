import { paginate, paginateSorted, sortByKey } from './pagination';

interface Row {
  id: string;
  day: string;
  n: number;
}

// Deterministic rows with repeated days, so the id decides ties.
const rows: Row[] = Array.from({ length: 60 }, (_, i) => ({
  id: `r-${String((i * 37) % 60).padStart(2, '0')}`,
  day: `2016-0${1 + (i % 4)}-01`,
  n: i,
}));
const keyOf = (r: Row) => [r.day, r.id];
const sorted = sortByKey(rows, keyOf);

describe('paginateSorted', () => {
  it.each([
    ['everything, ascending', () => true, false],
    ['everything, descending', () => true, true],
    ['every third row, ascending', (r: Row) => r.n % 3 === 0, false],
    ['every third row, descending', (r: Row) => r.n % 3 === 0, true],
    ['nothing', () => false, true],
  ])('pages like paginate over the filtered rows: %s', (_title, keep, descending) => {
    for (const first of [0, 1, 7, 20, 500]) {
      let expected = paginate(rows.filter(keep), keyOf, { first, descending });
      let actual = paginateSorted(sorted, keep, { first, descending });
      expect(actual).toEqual(expected);
      // Follow the cursors to the end (a cursor of a row that no longer passes the filter still works).
      for (let page = 0; page < 5 && expected.pageInfo.endCursor; page++) {
        const after = expected.pageInfo.endCursor;
        expected = paginate(rows.filter(keep), keyOf, { first: first || 1, after, descending });
        actual = paginateSorted(sorted, keep, { first: first || 1, after, descending });
        expect(actual).toEqual(expected);
      }
    }
    const foreign = paginate(rows, keyOf, { first: 3 }).pageInfo.endCursor;
    expect(paginateSorted(sorted, keep, { after: foreign, descending })).toEqual(
      paginate(rows.filter(keep), keyOf, { after: foreign, descending }),
    );
  });

  it('rejects a bad page size or cursor as paginate does', () => {
    expect(() => paginateSorted(sorted, () => true, { first: 501 })).toThrow(/first must be/);
    expect(() => paginateSorted(sorted, () => true, { after: 'nope' })).toThrow(/cursor/);
  });
});
