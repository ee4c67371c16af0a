import type { StatementScope } from '@app/domain';

/** The pieces of `FileStatementRows`: how a row's numbers are packed, and the numbering they refer to. */

export const INCIDENTS_INLINE = 2;
export const SPEAKERS_INLINE = 4;
export const NONE: readonly number[] = [];

/** Numbers for incident ids or State codes, shared by the live rows and every cut of them (append-only). */
export class Numbering {
  readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();
  /** By the text of a row's list (most rows repeat a handful of speaker lists): its numbers. */
  private readonly lists = new Map<string, readonly number[]>();

  of(name: string): number {
    let n = this.numbers.get(name);
    if (n === undefined) {
      n = this.names.length;
      this.names.push(name);
      this.numbers.set(name, n);
    }
    return n;
  }

  /** The numbers of a comma-separated list, kept by text when `keep` (speakers: few distinct lists). */
  list(text: string, keep: boolean): readonly number[] {
    if (text === '') return NONE;
    if (text.indexOf(',') < 0) return [this.of(text)];
    let numbers = keep ? this.lists.get(text) : undefined;
    if (numbers === undefined) {
      numbers = text.split(',').map((name) => this.of(name));
      if (keep) this.lists.set(text, numbers);
    }
    return numbers;
  }
}

/** A row's values: what the scan reads of a statement. */
export interface Values {
  day: number;
  kind: number;
  incidents: readonly number[];
  speakers: readonly number[];
  scope: StatementScope | undefined;
}

/** A statement version as its row reads it: what it sets (version 0: every field), when dated and recorded. */
export interface VersionValues {
  values: Partial<Values>;
  /** Its evidence date as a day number (version 0's: the statement's first delivery date). */
  day: number;
  /** When it was recorded (ms). */
  ms: number;
  correction: boolean;
}

/** A statement corrected at least once: its row, and its versions in fold order. */
export interface Corrected {
  row: number;
  versions: VersionValues[];
  /** Whether a correction changed its delivery date (a cut places it by its first one). */
  redated: boolean;
}

export function copy(values: readonly number[], out: number[]): number {
  for (let i = 0; i < values.length; i++) out[i] = values[i];
  return values.length;
}

export function spread(
  row: number,
  values: readonly number[],
  inline: Int32Array | Int16Array,
  width: number,
  more: Map<number, readonly number[]>,
): void {
  for (let i = 0; i < width; i++) inline[row * width + i] = i < values.length ? values[i] : -1;
  if (values.length > width) more.set(row, values.slice(width));
  else more.delete(row);
}

/** The index of `value` among the first `count` values of an ascending array; -1 when absent. */
export function indexIn(sorted: Uint32Array, count: number, value: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else if (sorted[mid] > value) hi = mid - 1;
    else return mid;
  }
  return -1;
}
