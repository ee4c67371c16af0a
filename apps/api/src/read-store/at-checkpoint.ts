import type { ReadStore } from '@app/read-store';

interface AboutIncidents {
  answer: unknown;
  /** Incident ids, and `stateSubject`s. */
  incidents: readonly string[];
}

/** What `getAbout` names for an answer that reads a State's statements (a page in which that State spoke ends it). */
export const stateSubject = (stateCode: string) => `state:${stateCode.toUpperCase()}`;

interface Patched {
  answer: unknown;
  /** The incidents live pages marked since the answer was read or last patched. */
  marked: Set<string>;
  patch: (answer: unknown, incidents: readonly string[]) => unknown;
}

/**
 * Answers read from one file at one checkpoint, kept until it moves: the rows they come from cannot change before,
 * so a question asked again (the same page) is not read again. Another file swapped in, or a fold it was not told
 * of, clears them. An answer about incidents (`getAbout`) also outlives a live page that marked none of them, nor
 * recorded or corrected a statement of a State it names (`stateSubject`; `folded`): under writes, the incidents and
 * States nobody wrote about are not read again at every page. An answer about every
 * incident (`getPatched`) is patched with the incidents the pages since marked, read again, when next asked.
 */
export class AtCheckpoint {
  private file: ReadStore | null = null;
  private seq = -1;
  private readonly kept = new Map<string, unknown>();
  private readonly about = new Map<string, AboutIncidents>();
  private readonly patched = new Map<string, Patched>();
  /** The keys in `about` each incident's answers are kept under. */
  private readonly keysOf = new Map<string, Set<string>>();

  /** `limit`: beyond this many answers of a kind, the oldest half goes. */
  constructor(private readonly limit: number) {}

  get<T>(file: ReadStore, key: string, read: () => T): T {
    this.at(file);
    if (this.kept.has(key)) return this.kept.get(key) as T;
    const answer = read();
    if (this.kept.size >= this.limit) {
      let n = 0;
      for (const k of this.kept.keys()) if (n++ < this.limit / 2) this.kept.delete(k);
    }
    this.kept.set(key, answer);
    return answer;
  }

  /**
   * As `get`, for an answer that reads only the live rows of the incidents `incidentsOf` names, and the statements of
   * the States it names as `stateSubject`s (see PageChanges).
   */
  getAbout<T>(file: ReadStore, key: string, incidentsOf: (answer: T) => readonly string[], read: () => T): T {
    this.at(file);
    const held = this.about.get(key);
    if (held !== undefined) return held.answer as T;
    const answer = read();
    if (this.about.size >= this.limit) {
      let n = 0;
      for (const k of this.about.keys()) if (n++ < this.limit / 2) this.forget(k);
    }
    const incidents = incidentsOf(answer);
    this.about.set(key, { answer, incidents });
    for (const id of incidents) {
      const keys = this.keysOf.get(id) ?? new Set<string>();
      keys.add(key);
      this.keysOf.set(id, keys);
    }
    return answer;
  }

  /**
   * As `get`, for an answer that stays right across live pages once the incidents they marked are read again: `patch`
   * is given it and those incidents (the file at the checkpoint asked at), and returns the answer now.
   */
  getPatched<T>(file: ReadStore, key: string, read: () => T, patch: (answer: T, incidents: readonly string[]) => T): T {
    this.at(file);
    const held = this.patched.get(key);
    if (held === undefined) {
      const answer = read();
      this.patched.set(key, { answer, marked: new Set(), patch: patch as Patched['patch'] });
      return answer;
    }
    if (held.marked.size > 0) {
      held.answer = held.patch(held.answer, [...held.marked]);
      held.marked.clear();
    }
    return held.answer as T;
  }

  /**
   * A live page took `file` from checkpoint seq `from` to `to`, marking `incidents` and recording or correcting
   * statements of `states`: the answers about them go, the others stay. Told of a page that does not follow what it
   * holds, it keeps nothing.
   */
  folded(
    file: ReadStore,
    from: number,
    to: number,
    incidents: readonly string[],
    states: readonly string[] = [],
  ): void {
    if (file !== this.file || from !== this.seq) return;
    this.kept.clear();
    for (const id of [...incidents, ...states.map(stateSubject)])
      for (const key of this.keysOf.get(id) ?? []) this.forget(key);
    for (const held of this.patched.values()) for (const id of incidents) held.marked.add(id);
    this.seq = to;
  }

  private at(file: ReadStore): void {
    const { seq } = file.checkpoint();
    if (file === this.file && seq === this.seq) return;
    this.kept.clear();
    this.about.clear();
    this.keysOf.clear();
    this.patched.clear();
    this.file = file;
    this.seq = seq;
  }

  private forget(key: string): void {
    const held = this.about.get(key);
    if (held === undefined) return;
    this.about.delete(key);
    for (const id of held.incidents) {
      const keys = this.keysOf.get(id);
      keys?.delete(key);
      if (keys?.size === 0) this.keysOf.delete(id);
    }
  }
}
