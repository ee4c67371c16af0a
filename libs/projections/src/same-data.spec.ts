import { sameData } from './same-data';

describe('sameData: equal as JSON would write them, without writing them', () => {
  it.each([
    [
      { a: 1, b: ['x', { c: true }] },
      { b: ['x', { c: true }], a: 1 },
    ],
    [{ a: 1, gone: undefined }, { a: 1 }],
    [[], []],
    [null, null],
  ])('equal: %j and %j', (a, b) => {
    expect(sameData(a, b)).toBe(true);
    expect(sameData(b, a)).toBe(true);
  });

  it.each([
    [{ a: 1 }, { a: 2 }],
    [{ a: 1 }, { a: 1, b: 0 }],
    [{ a: [1, 2] }, { a: [2, 1] }],
    [{ a: [1] }, { a: { 0: 1 } }],
    [{ a: null }, { a: undefined }],
    ['1', 1],
  ])('different: %j and %j', (a, b) => {
    expect(sameData(a, b)).toBe(false);
    expect(sameData(b, a)).toBe(false);
  });

  it('takes another kind of object (a Date) as the same only when it is the very same one', () => {
    const at = new Date('2016-01-01T00:00:00Z');
    expect(sameData({ at }, { at })).toBe(true);
    expect(sameData({ at }, { at: new Date(at.getTime()) })).toBe(false);
  });
});
