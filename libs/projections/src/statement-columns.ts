import { STATEMENT_KINDS, type IsoDate, type StatementKind } from '@app/domain';
import type { StatementView } from './model';
import type { StatementRows } from './report-source';

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 of an ISO date (a number compares and subtracts without parsing again). */
export const dayNumber = (date: IsoDate): number => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
/** The ISO date of a day number (the inverse of dayNumber). */
export const isoDateOfDay = (day: number): IsoDate => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** A row no report sees (a statement outside a cut). */
export const ABSENT_DAY = 2 ** 31 - 1;
const KIND_CODES = new Map<StatementKind, number>(STATEMENT_KINDS.map((kind, code) => [kind, code]));
const INCIDENTS_INLINE = 2;
/** Whether the first `count` values of `values` hold `value`. */
function holds(values: readonly number[], count: number, value: number): boolean {
  for (let i = 0; i < count; i++) if (values[i] === value) return true;
  return false;
}

/** A row of a cut worked out again (a statement corrected after the cut): its values then. */
interface OwnRow {
  view: StatementView;
  day: number;
  kind: number;
  incidents: number[];
  speakers: number[];
}
const SPEAKERS_INLINE = 4;

/**
 * What a report scans of every statement, by recording order (`seq`), packed in typed arrays: the delivery
 * day, the kind, when it was recorded, up to two incidents and four speakers inline (more in side maps),
 * incidents and States as small numbers. A report over a million statements reads these instead of a
 * million objects scattered over the heap (each a few cache misses), and a past cut (`at`) reads the same
 * arrays through its last day and instant, with the few rows corrected since worked out again. Kept by the fold
 * beside the statement map: a row per recorded statement, rewritten when it is corrected.
 */
export class StatementColumns implements StatementRows {
  /** The live statement of each row (shared by cuts). */
  private views: StatementView[] = [];
  /** In a cut: its last day and instant (rows after either are absent); none (Infinity) in the live columns. */
  private lastDay = Infinity;
  private lastMs = Infinity;
  /** In a cut: the rows whose statement it worked out again (their version then), flagged in `ownRows`. */
  private own: Map<number, OwnRow> | null = null;
  private ownRows: Uint8Array | null = null;
  /** Whether `scoped` is a cut's own (a row worked out again changed its scope), not the live set. */
  private ownScoped = false;
  /** Read through dayOf and kindOf, which apply a cut. */
  private days = new Int32Array(1024);
  private kinds = new Uint8Array(1024);
  private recordedMs = new Float64Array(1024);
  /** INCIDENTS_INLINE incident numbers per row, -1 for none; rows naming more keep the rest in `moreIncidents`. */
  incidents = new Int32Array(1024 * INCIDENTS_INLINE).fill(-1);
  /**
   * SPEAKERS_INLINE State numbers per row, -1 for none; more in `moreSpeakers` (16 bits: States are ISO
   * alpha-3 codes).
   */
  speakers = new Int16Array(1024 * SPEAKERS_INLINE).fill(-1);
  moreIncidents = new Map<number, number[]>();
  moreSpeakers = new Map<number, number[]>();
  /** Rows of statements corrected at least once (a cut works them out again). */
  corrected = new Set<number>();
  /** Rows of statements with a scope beyond their incidents (situations, an alleged user, generic). */
  scoped = new Set<number>();
  /** Incident ids and State codes by number (append-only, so numbers stay valid in cuts). */
  readonly incidentIds: string[] = [];
  readonly stateCodes: string[] = [];
  private readonly incidentNumbers = new Map<string, number>();
  private readonly stateNumbers = new Map<string, number>();
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** The statement of a row (in a cut, as it stood then). */
  view(seq: number): StatementView {
    return this.ownOf(seq)?.view ?? this.views[seq];
  }

  statementIdOf(seq: number): string {
    return this.views[seq].statementId;
  }

  /** The delivery day of a row, ABSENT_DAY when outside the cut (this runs per row of a scan). */
  dayOf(seq: number): number {
    const own = this.ownOf(seq);
    if (own) return own.day;
    const day = this.days[seq];
    if (day > this.lastDay) return ABSENT_DAY;
    return this.lastMs === Infinity || this.recordedMs[seq] <= this.lastMs ? day : ABSENT_DAY;
  }

  /** The kind code (the index in STATEMENT_KINDS) of a row. */
  kindOf(seq: number): number {
    return this.ownOf(seq)?.kind ?? this.kinds[seq];
  }

  incidentNumber(id: string): number | undefined {
    return this.incidentNumbers.get(id);
  }

  stateNumber(code: string): number | undefined {
    return this.stateNumbers.get(code);
  }

  /** Appends the row of a newly recorded statement (its `seq` is the next row). */
  add(view: StatementView): void {
    const seq = this.count++;
    this.views.push(view);
    if (seq >= this.days.length) this.grow();
    this.write(seq, view);
  }

  /** Rewrites the row of a corrected statement. */
  correct(view: StatementView): void {
    this.corrected.add(view.seq);
    this.write(view.seq, view);
  }

  /** Writes a row from a statement's values. */
  private write(seq: number, view: StatementView): void {
    this.moreIncidents.delete(seq);
    this.moreSpeakers.delete(seq);
    this.views[seq] = view;
    this.days[seq] = dayNumber(view.deliveredOn);
    if (view.scope !== undefined) this.scoped.add(seq);
    else this.scoped.delete(seq);
    this.kinds[seq] = KIND_CODES.get(view.kind) ?? 0;
    this.recordedMs[seq] = view.recordedAt.getTime();
    this.spread(
      seq,
      view.incidentIds.map((id) => this.numberOf(this.incidentNumbers, this.incidentIds, id)),
      this.incidents,
      INCIDENTS_INLINE,
      this.moreIncidents,
    );
    this.spread(
      seq,
      view.speakers.map((code) => this.numberOf(this.stateNumbers, this.stateCodes, code)),
      this.speakers,
      SPEAKERS_INLINE,
      this.moreSpeakers,
    );
  }

  /** A row of a cut worked out again: its statement then (null: absent), with its own numbers. */
  private rewrite(seq: number, view: StatementView | null): void {
    const own: OwnRow =
      view === null
        ? { view: this.views[seq], day: ABSENT_DAY, kind: 0, incidents: [], speakers: [] }
        : {
            view,
            day: dayNumber(view.deliveredOn),
            kind: KIND_CODES.get(view.kind) ?? 0,
            incidents: view.incidentIds.map((id) => this.numberOf(this.incidentNumbers, this.incidentIds, id)),
            speakers: view.speakers.map((code) => this.numberOf(this.stateNumbers, this.stateCodes, code)),
          };
    (this.own ??= new Map()).set(seq, own);
    (this.ownRows ??= new Uint8Array(this.count))[seq] = 1;
    // The set is the live one until a row's scope differs from its live statement's.
    if (view !== null && (view.scope !== undefined) !== this.scoped.has(seq)) {
      if (!this.ownScoped) this.scoped = new Set(this.scoped);
      this.ownScoped = true;
      if (view.scope !== undefined) this.scoped.add(seq);
      else this.scoped.delete(seq);
    }
  }

  /** A row's own numbers in a cut that worked it out again; undefined for every other row (this runs per row). */
  private ownOf(seq: number): OwnRow | undefined {
    return this.ownRows !== null && this.ownRows[seq] === 1 ? this.own!.get(seq) : undefined;
  }

  /** The row's incident numbers (with repeats, as the statement lists them). */
  incidentsOf(seq: number): number[] {
    const own = this.ownOf(seq);
    if (own) return own.incidents.slice();
    return this.gather(seq, this.incidents, INCIDENTS_INLINE, this.moreIncidents);
  }

  /** Writes the row's incident numbers (with repeats) into `out` and returns how many: no list per row of a scan. */
  incidentNumbersInto(seq: number, out: number[]): number {
    const own = this.ownOf(seq);
    if (own) {
      own.incidents.forEach((value, i) => (out[i] = value));
      return own.incidents.length;
    }
    let count = 0;
    for (let i = 0; i < INCIDENTS_INLINE; i++) {
      const value = this.incidents[seq * INCIDENTS_INLINE + i];
      if (value < 0) return count;
      out[count++] = value;
    }
    const rest = this.moreIncidents.size > 0 ? this.moreIncidents.get(seq) : undefined;
    if (rest) for (const value of rest) out[count++] = value;
    return count;
  }

  /**
   * Writes the row's State numbers, each once and in order, into `out` and returns how many: no list and no
   * callback per row of a scan (a callback capturing the scan's variables costs a context per row).
   */
  speakersInto(seq: number, out: number[]): number {
    const own = this.ownOf(seq);
    let count = 0;
    if (own) {
      for (const state of own.speakers) if (!holds(out, count, state)) out[count++] = state;
      return count;
    }
    const at = seq * SPEAKERS_INLINE;
    for (let i = 0; i < SPEAKERS_INLINE; i++) {
      const state = this.speakers[at + i];
      if (state < 0) return count;
      if (!holds(out, count, state)) out[count++] = state;
    }
    const rest = this.moreSpeakers.get(seq);
    if (rest) for (const state of rest) if (!holds(out, count, state)) out[count++] = state;
    return count;
  }

  /**
   * Whether one of the row's speakers is flagged in `states` (a flag per State number: this runs per row of a
   * scan).
   */
  spokenByAny(seq: number, states: Uint8Array): boolean {
    const own = this.ownOf(seq);
    if (own) return own.speakers.some((state) => states[state] === 1);
    const at = seq * SPEAKERS_INLINE;
    for (let i = 0; i < SPEAKERS_INLINE; i++) {
      const state = this.speakers[at + i];
      if (state < 0) return false;
      if (states[state] === 1) return true;
    }
    return this.moreSpeakers.get(seq)?.some((state) => states[state] === 1) ?? false;
  }

  /** The State number of a row's only speaker (most statements have one), or -1 when it has several. */
  soleSpeaker(seq: number): number {
    const own = this.ownOf(seq);
    if (own) return own.speakers.length === 1 ? own.speakers[0] : -1;
    return this.speakers[seq * SPEAKERS_INLINE + 1] < 0 ? this.speakers[seq * SPEAKERS_INLINE] : -1;
  }

  /**
   * The rows as of a cut (read-only): those delivered after `lastDay` or recorded after `lastMs` absent, and each
   * corrected row recorded by then as `thenOf` gives its statement then (null: absent; the live statement itself:
   * its row as it is). The arrays, statements and numbering are shared, not copied: like the rest of a model
   * derived as of a cut, it is read before the live columns fold their next statement or correction.
   */
  at(lastDay: number, lastMs: number, thenOf: (view: StatementView) => StatementView | null): StatementColumns {
    // A new instance, its fields then overwritten in place: the same shape as the live columns, so that the code
    // reading rows per row of a scan sees one kind of object, not two.
    const cut = new StatementColumns();
    Object.assign(cut, this, { lastDay, lastMs, own: null, ownRows: null, ownScoped: false });
    for (const row of this.corrected) {
      if (this.recordedMs[row] > lastMs) continue;
      const view = this.views[row];
      const then = thenOf(view);
      // Absent, and so read already: nothing to keep.
      if (then !== view && !(then === null && this.days[row] > lastDay)) cut.rewrite(row, then);
    }
    return cut;
  }

  private numberOf(numbers: Map<string, number>, names: string[], name: string): number {
    let n = numbers.get(name);
    if (n === undefined) {
      n = names.length;
      names.push(name);
      numbers.set(name, n);
    }
    return n;
  }

  private spread(
    seq: number,
    values: number[],
    inline: Int32Array | Int16Array,
    width: number,
    more: Map<number, number[]>,
  ): void {
    for (let i = 0; i < width; i++) inline[seq * width + i] = i < values.length ? values[i] : -1;
    if (values.length > width) more.set(seq, values.slice(width));
  }

  private gather(seq: number, inline: Int32Array | Int16Array, width: number, more: Map<number, number[]>): number[] {
    const out: number[] = [];
    for (let i = 0; i < width; i++) {
      const value = inline[seq * width + i];
      if (value < 0) break;
      out.push(value);
    }
    const rest = more.get(seq);
    return rest ? out.concat(rest) : out;
  }

  private grow(): void {
    const size = this.days.length * 2;
    const grown = <T extends Int32Array | Int16Array | Uint8Array | Float64Array>(
      old: T,
      length: number,
      fill?: number,
    ): T => {
      const next = new (old.constructor as new (n: number) => T)(length);
      if (fill !== undefined) next.fill(fill);
      next.set(old);
      return next;
    };
    this.days = grown(this.days, size);
    this.kinds = grown(this.kinds, size);
    this.recordedMs = grown(this.recordedMs, size);
    this.incidents = grown(this.incidents, size * INCIDENTS_INLINE, -1);
    this.speakers = grown(this.speakers, size * SPEAKERS_INLINE, -1);
  }
}
