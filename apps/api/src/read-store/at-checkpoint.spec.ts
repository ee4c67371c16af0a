import type { ReadStore } from '@app/read-store';
import { AtCheckpoint, stateSubject } from './at-checkpoint';

/** A file whose checkpoint a test moves by hand: all AtCheckpoint reads of it. */
const fileAt = () => {
  const file = { seq: 0, checkpoint: () => ({ seq: file.seq }) };
  return file as typeof file & ReadStore;
};

describe('AtCheckpoint', () => {
  let reads: string[];
  const reading = (answer: string) => () => {
    reads.push(answer);
    return answer;
  };
  beforeEach(() => (reads = []));

  it('keeps an answer until the checkpoint moves', () => {
    const file = fileAt();
    const kept = new AtCheckpoint(8);
    expect(kept.get(file, 'k', reading('a'))).toBe('a');
    expect(kept.get(file, 'k', reading('b'))).toBe('a');
    file.seq = 1;
    kept.folded(file, 0, 1, []);
    expect(kept.get(file, 'k', reading('c'))).toBe('c');
    expect(reads).toEqual(['a', 'c']);
  });

  it('keeps an answer about incidents across the pages that marked none of them', () => {
    const file = fileAt();
    const kept = new AtCheckpoint(8);
    const about = (key: string, incidents: string[], answer: string) =>
      kept.getAbout(file, key, () => incidents, reading(answer));
    about('one', ['inc-1'], 'one@0');
    about('dup', ['inc-2', 'inc-3'], 'dup@0');
    file.seq = 2;
    kept.folded(file, 0, 2, ['inc-4']);
    expect([about('one', ['inc-1'], 'one@2'), about('dup', ['inc-2', 'inc-3'], 'dup@2')]).toEqual(['one@0', 'dup@0']);
    file.seq = 3;
    kept.folded(file, 2, 3, ['inc-3']);
    expect([about('one', ['inc-1'], 'one@3'), about('dup', ['inc-2', 'inc-3'], 'dup@3')]).toEqual(['one@0', 'dup@3']);
    expect(reads).toEqual(['one@0', 'dup@0', 'dup@3']);
  });

  it('keeps nothing across a fold it was not told of, a page that does not follow, or another file', () => {
    const file = fileAt();
    const kept = new AtCheckpoint(8);
    const one = (answer: string, on = file) => kept.getAbout(on, 'one', () => ['inc-1'], reading(answer));
    one('a');
    file.seq = 5; // a catch-up, not a live page
    expect(one('b')).toBe('b');
    file.seq = 7;
    kept.folded(file, 6, 7, []);
    expect(one('c')).toBe('c');
    const other = fileAt();
    other.seq = 7;
    expect(one('d', other)).toBe('d');
  });

  it('beyond its limit, forgets the oldest half, and which incidents they were about', () => {
    const file = fileAt();
    const kept = new AtCheckpoint(4);
    for (const n of [1, 2, 3, 4, 5]) kept.getAbout(file, `k${n}`, () => [`inc-${n}`], reading(`a${n}`));
    expect(kept.getAbout(file, 'k1', () => ['inc-1'], reading('again'))).toBe('again');
    expect(kept.getAbout(file, 'k5', () => ['inc-5'], reading('no'))).toBe('a5');
    file.seq = 1;
    kept.folded(file, 0, 1, ['inc-5']);
    expect(kept.getAbout(file, 'k5', () => ['inc-5'], reading('b5'))).toBe('b5');
  });

  it('patches an answer with the incidents the pages since marked, when next asked; reads it after a catch-up', () => {
    const file = fileAt();
    const kept = new AtCheckpoint(8);
    const patches: string[][] = [];
    const ask = (answer: string) =>
      kept.getPatched(file, 'all', reading(answer), (before, marked) => {
        patches.push([...marked]);
        return `${before}+${marked.join(',')}`;
      });
    expect(ask('a')).toBe('a');
    file.seq = 1;
    kept.folded(file, 0, 1, ['inc-1']);
    file.seq = 2;
    kept.folded(file, 1, 2, ['inc-2', 'inc-1']);
    expect(ask('b')).toBe('a+inc-1,inc-2');
    expect(ask('c')).toBe('a+inc-1,inc-2');
    file.seq = 3;
    kept.folded(file, 2, 3, []);
    expect(ask('d')).toBe('a+inc-1,inc-2');
    file.seq = 9; // a catch-up, not a live page
    expect(ask('e')).toBe('e');
    expect(patches).toEqual([['inc-1', 'inc-2']]);
    expect(reads).toEqual(['a', 'e']);
  });

  it("keeps an answer about a State's statements across the pages in which that State did not speak", () => {
    const file = fileAt();
    const kept = new AtCheckpoint(8);
    const timeline = (answer: string) =>
      kept.getAbout(file, 'timeline|gbr', () => [stateSubject('gbr'), 'inc-1'], reading(answer));
    timeline('gbr@0');
    file.seq = 1;
    kept.folded(file, 0, 1, ['inc-2'], ['FRA']);
    expect(timeline('gbr@1')).toBe('gbr@0');
    file.seq = 2;
    kept.folded(file, 1, 2, [], ['GBR']);
    expect(timeline('gbr@2')).toBe('gbr@2');
    file.seq = 3;
    kept.folded(file, 2, 3, ['inc-1'], []);
    expect(timeline('gbr@3')).toBe('gbr@3');
    expect(reads).toEqual(['gbr@0', 'gbr@2', 'gbr@3']);
  });
});
