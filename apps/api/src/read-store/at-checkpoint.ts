import type { ReadStore } from '@app/read-store';

/**
 * Answers read from one file at one checkpoint, kept until it moves: the rows they come from cannot change before,
 * so a question asked again (the same page) is not read again. Any fold, or another file swapped in, clears them.
 */
export class AtCheckpoint {
  private file: ReadStore | null = null;
  private seq = -1;
  private readonly kept = new Map<string, unknown>();

  /** `limit`: beyond this many answers, the oldest half goes. */
  constructor(private readonly limit: number) {}

  get<T>(file: ReadStore, key: string, read: () => T): T {
    const { seq } = file.checkpoint();
    if (file !== this.file || seq !== this.seq) {
      this.kept.clear();
      this.file = file;
      this.seq = seq;
    }
    if (this.kept.has(key)) return this.kept.get(key) as T;
    const answer = read();
    if (this.kept.size >= this.limit) {
      let n = 0;
      for (const k of this.kept.keys()) if (n++ < this.limit / 2) this.kept.delete(k);
    }
    this.kept.set(key, answer);
    return answer;
  }
}
