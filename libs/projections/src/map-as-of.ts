import type { IsoDate } from '@app/domain';
import type { Correction, SourceView } from './model';

/** Whether a fact falls within a cut: by its event's evidence date (KNOWN) or its recording time (RECORDED). */
export type Within = (evidenceDate: IsoDate | null, recordedAt: Date) => boolean;

/**
 * A value with only the corrections within the cut: all of them undone back to the original, then those
 * within applied again in recording order (as a replay of the events within the cut would).
 */
export function corrected<T extends object>(current: T, corrections: readonly Correction<T>[], within: Within): { original: T; then: T } {
  const original = { ...current };
  for (let i = corrections.length - 1; i >= 0; i--) Object.assign(original, corrections[i].before);
  const then = { ...original };
  for (const c of corrections) if (within(c.correctedOn, c.recordedAt)) Object.assign(then, c.changes);
  return { original, then };
}

/** A source with the grade of its last regrade within the cut (in recording order); the live object when unchanged. */
export function graded(source: SourceView, within: Within): SourceView {
  let grade = source.grades[0]?.grade ?? source.grade;
  for (const change of source.grades) if (change.regradedOn !== null && within(change.regradedOn, change.recordedAt)) grade = change.grade;
  return grade === source.grade ? source : { ...source, grade };
}

const readOnly = (): never => {
  throw new Error('a model derived as of a cut is read-only');
};

/**
 * A read-only view of a live map as of a cut, without copying it (a map of a million entries takes most of
 * a second to build): a value is the live one when `kept` says so, absent when not, except the few that
 * `needsRework` flags (a correction, a retraction outside the cut), worked out once by `rework` up front
 * (null: absent). Unchanged values are the live objects themselves, so identity tells what changed.
 */
export class MapAsOf<V> extends Map<string, V> {
  private readonly reworked = new Map<string, V | null>();
  private count: number | null = null;

  constructor(private readonly live: ReadonlyMap<string, V>, private readonly kept: (value: V) => boolean,
    private readonly needsRework: (value: V) => boolean, rework: (value: V) => V | null) {
    super();
    for (const [key, value] of live) if (needsRework(value)) this.reworked.set(key, rework(value));
  }

  /** The live value as of the cut; undefined when it is outside. */
  at(key: string, value: V): V | undefined {
    if (this.needsRework(value)) return this.reworked.get(key) ?? undefined;
    return this.kept(value) ? value : undefined;
  }

  override get(key: string): V | undefined {
    const value = this.live.get(key);
    return value === undefined ? undefined : this.at(key, value);
  }

  override has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Counted on first read (a pass over the live map). */
  override get size(): number {
    if (this.count === null) {
      let count = 0;
      for (const [key, value] of this.live) if (this.at(key, value) !== undefined) count++;
      this.count = count;
    }
    return this.count;
  }

  override *entries(): MapIterator<[string, V]> {
    for (const [key, value] of this.live) {
      const then = this.at(key, value);
      if (then !== undefined) yield [key, then];
    }
  }

  override *values(): MapIterator<V> {
    for (const [key, value] of this.live) {
      const then = this.at(key, value);
      if (then !== undefined) yield then;
    }
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
