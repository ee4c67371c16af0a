import type { Correction, SourceView } from './model';
import type { Within } from './time-travel';

/**
 * A value with only the corrections within the cut: all of them undone back to the original, then those
 * within applied again in recording order (as a replay of the events within the cut would).
 */
export function corrected<T extends object>(
  current: T,
  corrections: readonly Correction<T>[],
  within: Within,
): { original: T; then: T } {
  const original = { ...current };
  for (let i = corrections.length - 1; i >= 0; i--) Object.assign(original, corrections[i].before);
  const then = { ...original };
  for (const c of corrections) if (within(c.correctedOn, c.recordedAt)) Object.assign(then, c.changes);
  return { original, then };
}

/**
 * A source with only the regrades within the cut (the grade of the last one, in recording order) and its
 * merge if within; the live object when unchanged.
 */
export function graded(source: SourceView, within: Within): SourceView {
  let grade = source.grades[0]?.grade ?? source.grade;
  const grades = source.grades.filter((g) => g.regradedOn === null || within(g.regradedOn, g.recordedAt));
  for (const change of grades) if (change.regradedOn !== null) grade = change.grade;
  const merged = source.mergedInto;
  const mergedInto = merged && within(merged.mergedOn, merged.recordedAt) ? merged : null;
  if (grade === source.grade && grades.length === source.grades.length && mergedInto === merged) return source;
  return { ...source, grade, grades, mergedInto };
}

const readOnly = (): never => {
  throw new Error('a model derived as of a cut is read-only');
};

/**
 * A read-only view of a live map as of a cut, without copying it (a map of a million entries takes most of
 * a second to build): a value is the live one when `kept` says so, absent when not, except the few that
 * `needsRework` flags (a correction, a retraction outside the cut), worked out by `rework` when first asked for
 * (null: absent) and kept, so that each has one value. Unchanged values are the live objects themselves, so
 * identity tells what changed. The values within the cut are listed on the first pass over them (an array of
 * references) for the next.
 */
export class MapAsOf<V> extends Map<string, V> {
  private readonly reworked = new Map<string, V | null>();
  /** The values as of the cut, in the live map's order: worked out on the first pass over them, then kept. */
  private list: V[] | null = null;

  constructor(
    private readonly live: ReadonlyMap<string, V>,
    private readonly kept: (value: V) => boolean,
    private readonly needsRework: (value: V) => boolean,
    private readonly rework: (value: V) => V | null,
  ) {
    super();
  }

  /** The live value as of the cut; undefined when it is outside. */
  at(key: string, value: V): V | undefined {
    if (!this.needsRework(value)) return this.kept(value) ? value : undefined;
    let then = this.reworked.get(key);
    if (then === undefined) this.reworked.set(key, (then = this.rework(value)));
    return then ?? undefined;
  }

  override get(key: string): V | undefined {
    const value = this.live.get(key);
    return value === undefined ? undefined : this.at(key, value);
  }

  override has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  private valuesList(): V[] {
    if (this.list === null) {
      const list: V[] = [];
      for (const [key, value] of this.live) {
        const then = this.at(key, value);
        if (then !== undefined) list.push(then);
      }
      this.list = list;
    }
    return this.list;
  }

  override get size(): number {
    return this.valuesList().length;
  }

  override *entries(): MapIterator<[string, V]> {
    for (const [key, value] of this.live) {
      const then = this.at(key, value);
      if (then !== undefined) yield [key, then];
    }
  }

  override values(): MapIterator<V> {
    return this.valuesList()[Symbol.iterator]();
  }

  override *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  override [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: string, map: Map<string, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }

  override set(): this {
    return readOnly();
  }

  override delete(): boolean {
    return readOnly();
  }

  override clear(): void {
    readOnly();
  }
}
