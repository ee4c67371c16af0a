import { Heard } from './speak-out.scan';

describe('the log of what each speaker was heard in (Heard)', () => {
  const heardFrom = (entries: [accId: number, row: number, day: number][], capacity: number) => {
    const heard = new Heard(capacity);
    for (const [accId, row, day] of entries) heard.add(accId, row, day);
    return heard;
  };

  it('gives a speaker its rows by day, ties in recording order, grown or sealed alike', () => {
    const entries: [number, number, number][] = Array.from({ length: 3000 }, (_, i) => [i % 3, i, 100 - (i % 7)]);
    const grown = heardFrom(entries, 10);
    const expected = (accId: number) =>
      entries
        .filter(([a]) => a === accId)
        .sort((x, y) => x[2] - y[2] || x[1] - y[1])
        .map(([, row]) => row);
    for (const accId of [0, 1, 2]) expect(grown.rowsOf(accId)).toEqual(expected(accId));
    const sealed = heardFrom(entries, 10).seal();
    for (const accId of [0, 1, 2]) expect(sealed.rowsOf(accId)).toEqual(expected(accId));
    expect(sealed.rowsOf(3)).toEqual([]);
  });

  it('sealed, keeps room for no more than twice what it heard (a report keeps it)', () => {
    const few = heardFrom([[0, 7, 1]], 1_000_000).seal();
    expect([few.length, few.room]).toEqual([1, 1]);
    const grown = heardFrom(
      Array.from({ length: 5000 }, (_, i) => [i % 2, i, i]),
      1024,
    ).seal();
    expect(grown.length).toBe(5000);
    expect(grown.room).toBeGreaterThanOrEqual(5000);
    expect(grown.room).toBeLessThan(2 * 5000);
    for (const [length, capacity] of [
      [4999, 10_000],
      [5000, 10_000],
      [7000, 10_000],
    ]) {
      const heard = heardFrom(
        Array.from({ length }, (_, i) => [0, i, i]),
        capacity,
      ).seal();
      expect([length, heard.room]).toEqual([length, length * 2 < capacity ? length : capacity]);
    }
  });
});
