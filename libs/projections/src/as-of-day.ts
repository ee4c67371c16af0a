import type { IsoDate, StatementDetails } from '@app/domain';
import type { Correction, SourceView, StatementView } from './model';

/** Views as they stood on a day, worked out from the live model's own records of corrections and regrades. */

/**
 * A value as it stood on `day`: the corrections undone back to the original, then those dated on or
 * before the day applied again in recording order (as a replay of the events dated up to the day would).
 */
export function asCorrectedOn<T extends object>(current: T, corrections: readonly Correction<T>[], day: IsoDate): { original: T; then: T } {
  const original = { ...current };
  for (let i = corrections.length - 1; i >= 0; i--) Object.assign(original, corrections[i].before);
  const then = { ...original };
  for (const c of corrections) if (c.correctedOn <= day) Object.assign(then, c.changes);
  return { original, then };
}

/** The grade a source had on `day`: its last regrade dated on or before it, in recording order. */
export function gradedOn(source: SourceView, day: IsoDate): SourceView {
  let grade = source.grades[0]?.grade ?? source.grade;
  for (const change of source.grades) if (change.regradedOn !== null && change.regradedOn <= day) grade = change.grade;
  return grade === source.grade ? source : { ...source, grade };
}

/** A statement as corrected by `day`; null when it was delivered (as first recorded) after the day. */
function statementOn(s: StatementView, day: IsoDate): StatementView | null {
  if (s.corrections.length === 0) return s.deliveredOn <= day ? s : null;
  const { original, then } = asCorrectedOn<StatementView>(s, s.corrections as unknown as Correction<StatementView>[], day);
  if (original.deliveredOn > day) return null;
  then.corrections = s.corrections.filter((c) => c.correctedOn <= day) as Correction<StatementDetails>[];
  return then;
}

/**
 * The live statements as they stood on a day, read through without a copy (a map of a million entries takes
 * most of a second to build): a statement never corrected is the live one when delivered by the day; the
 * few corrected ones are worked out once. Read-only: it refuses writes.
 */
export class StatementsOn extends Map<string, StatementView> {
  private readonly corrected = new Map<string, StatementView | null>();
  private readonly count: number;

  constructor(private readonly live: ReadonlyMap<string, StatementView>, private readonly day: IsoDate) {
    super();
    let count = 0;
    for (const s of live.values()) {
      if (s.corrections.length > 0) this.corrected.set(s.statementId, statementOn(s, day));
      if (this.on(s)) count++;
    }
    this.count = count;
  }

  /** A live statement as it stood on the day; undefined when it was not delivered by then. */
  on(s: StatementView): StatementView | undefined {
    if (s.corrections.length === 0) return s.deliveredOn <= this.day ? s : undefined;
    return this.corrected.get(s.statementId) ?? undefined;
  }

  override get(id: string): StatementView | undefined {
    const s = this.live.get(id);
    return s && this.on(s);
  }

  override has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  override get size(): number {
    return this.count;
  }

  override *values(): MapIterator<StatementView> {
    for (const s of this.live.values()) {
      const then = this.on(s);
      if (then) yield then;
    }
  }

  override *entries(): MapIterator<[string, StatementView]> {
    for (const s of this.values()) yield [s.statementId, s];
  }

  override *keys(): MapIterator<string> {
    for (const s of this.values()) yield s.statementId;
  }

  override [Symbol.iterator](): MapIterator<[string, StatementView]> {
    return this.entries();
  }

  override forEach(callback: (value: StatementView, key: string, map: Map<string, StatementView>) => void): void {
    for (const s of this.values()) callback(s, s.statementId, this);
  }

  override set(): this {
    throw new Error('statements as of a day are read-only');
  }

  override delete(): boolean {
    throw new Error('statements as of a day are read-only');
  }

  override clear(): void {
    throw new Error('statements as of a day are read-only');
  }
}
