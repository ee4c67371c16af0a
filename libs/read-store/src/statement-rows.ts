import { STATEMENT_KINDS, type StatementDetails, type StatementScope } from '@app/domain';
import { ABSENT_DAY, dayNumber, isoDateOfDay, type StatementRowView, type StatementRows } from '@app/projections';
import Database from 'better-sqlite3';
import { type ReadCut, cutParams } from './cut';
import { ReadStore } from './read-store';
import {
  copy,
  type Corrected,
  indexIn,
  INCIDENTS_INLINE,
  NONE,
  Numbering,
  SPEAKERS_INLINE,
  spread,
  type Values,
  type VersionValues,
} from './statement-rows.parts';
import { detailsOf } from './evidence.reader';

type ScanRow = [
  seq: number,
  day: number,
  kind: number,
  recordedAt: number,
  speakers: string,
  ids: string,
  scope: string,
];

/**
 * What a load read, for another thread to take over (`adopt`): the typed arrays' buffers are moved to it, the rest
 * is copied.
 */
export interface StatementRowsParts {
  days: Int32Array;
  kinds: Uint8Array;
  recordedMs: Float64Array;
  seqs: Uint32Array;
  incidents: Int32Array;
  speakers: Int16Array;
  moreIncidents: Map<number, readonly number[]>;
  moreSpeakers: Map<number, readonly number[]>;
  scopes: Map<number, StatementScope>;
  corrected: Map<string, Corrected>;
  count: number;
  upto: number;
  incidentIds: readonly string[];
  stateCodes: readonly string[];
}

/**
 * What a statement's row holds of its details (see `valuesOfChanges`): a correction that sets none of them (its
 * words, its venue: most corrections) leaves the row as version 0 wrote it, at every cut.
 */
const ROW_FIELDS = [
  'deliveredOn',
  'kind',
  'speakers',
  'incidentIds',
  'scope',
] as const satisfies readonly (keyof StatementDetails)[];

/** Every version, in fold order, of the statements a correction folded in (after, upto] changed the row of. */
const CORRECTED = `SELECT v.statement_id, v.seq, v.changes, v.reason, v.evidence_date, v.recorded_at
  FROM statement_versions v WHERE v.statement_id IN (SELECT DISTINCT c.statement_id FROM statement_versions c
    WHERE c.reason IS NOT NULL AND c.seq > @after AND c.seq <= @upto
      AND (${ROW_FIELDS.map((field) => `json_type(c.changes, '$.${field}') IS NOT NULL`).join(' OR ')}))
  ORDER BY v.statement_id, v.seq`;

interface VersionRow {
  statement_id: string;
  seq: number;
  changes: string;
  reason: string | null;
  evidence_date: string;
  recorded_at: number;
}

/**
 * A statement's values from its versions within a cut, the corrections laid over version 0 as every reading of the
 * file lays them (`detailsOf`); null when version 0 is not within.
 */
const valuesOfVersions = (versions: readonly VersionValues[]): Values | null =>
  detailsOf<Values>(versions.map((v) => [v.values, v.correction ? 'correction' : null, 0]));

/** Appends `values[from..to)` to `out` after its first `count`, each value once; returns the new count. */
function distinctInto(values: ArrayLike<number>, from: number, to: number, out: number[], count: number): number {
  const end = Math.min(to, values.length);
  next: for (let i = from; i < end; i++) {
    for (let j = 0; j < count; j++) if (out[j] === values[i]) continue next;
    out[count++] = values[i];
  }
  return count;
}

/**
 * The statements a report scans, read from the projection file into typed arrays: a row per recorded statement
 * in recording order (`statement_scan`, one ordered read), and the statements a correction changed the row of
 * (see ROW_FIELDS) read again from their versions, which are kept (what each sets of the row, when dated and
 * recorded). `follow` reads what a page folded after the rows held (new statements, corrections), so that the file
 * stays the one fold. `at` gives the rows as of a cut: rows delivered after its day (KNOWN) or recorded
 * after its instant (RECORDED) absent, and each corrected statement whose versions the cut splits laid again from
 * its versions within the cut, in memory (reading them from the file took 0.15 s of a report's first request).
 */
export class FileStatementRows implements StatementRows {
  private days = new Int32Array(0);
  private kinds = new Uint8Array(0);
  private recordedMs = new Float64Array(0);
  /** Seqs as 32-bit numbers: 3 MiB less than doubles for the benchmark's 824,507 rows, and room for 4e9 events. */
  private seqs = new Uint32Array(0);
  private incidents = new Int32Array(0);
  private speakers = new Int16Array(0);
  private moreIncidents = new Map<number, readonly number[]>();
  private moreSpeakers = new Map<number, readonly number[]>();
  private scopes = new Map<number, StatementScope>();
  scoped = new Set<number>();
  /** Statements a correction changed the row of (its delivery date, kind, speakers, incidents or scope), by id. */
  private corrected = new Map<string, Corrected>();
  private count = 0;
  /** The checkpoint's seq the rows are in step with. */
  private upto = 0;
  private lastDay = Infinity;
  private lastMs = Infinity;
  private own: Map<number, Values> | null = null;
  /** A flag per row read again in this cut: a typed array read per row of a scan, not a map. */
  private ownRows: Uint8Array | null = null;
  private readonly incidentNumbers = new Numbering();
  private readonly stateNumbers = new Numbering();
  private readonly idBySeq: Database.Statement;
  private readonly idsBySeqs: Database.Statement;

  private constructor(private readonly db: Database.Database) {
    this.idBySeq = db.prepare('SELECT statement_id FROM statement_versions WHERE seq = ?').pluck();
    this.idsBySeqs = db
      .prepare('SELECT v.statement_id FROM json_each(?) j JOIN statement_versions v ON v.seq = j.value ORDER BY j.key')
      .pluck();
  }

  /** Every statement of the file, read at once. */
  static load(db: Database.Database): FileStatementRows {
    const rows = new FileStatementRows(db);
    rows.follow();
    return rows;
  }

  /**
   * Every statement of the file, read `step` statements per read transaction with a turn of the event loop
   * between: a service keeps answering while it loads (824,507 statements take seconds).
   */
  static async loadInSteps(db: Database.Database, step = 4_000): Promise<FileStatementRows> {
    const rows = new FileStatementRows(db);
    while (rows.follow(step)) await new Promise((resolve) => setImmediate(resolve));
    return rows;
  }

  /**
   * Rows another thread loaded from the same file (`parts`), to be read with `db`: rows up to a seq never change,
   * so `follow` then reads only what was folded after them.
   */
  static adopt(db: Database.Database, parts: StatementRowsParts): FileStatementRows {
    const rows = new FileStatementRows(db);
    const { incidentIds, stateCodes, ...arrays } = parts;
    Object.assign(rows, arrays);
    rows.scoped = new Set(parts.scopes.keys());
    for (const id of incidentIds) rows.incidentNumbers.of(id);
    for (const code of stateCodes) rows.stateNumbers.of(code);
    return rows;
  }

  /** What these rows hold, for `adopt` in another thread, and the buffers to move there (unusable here after). */
  parts(): { parts: StatementRowsParts; transfer: ArrayBuffer[] } {
    const { days, kinds, recordedMs, seqs, incidents, speakers, moreIncidents, moreSpeakers, scopes } = this;
    const { corrected, count, upto, incidentIds, stateCodes } = this;
    const parts: StatementRowsParts = {
      days,
      kinds,
      recordedMs,
      seqs,
      incidents,
      speakers,
      moreIncidents,
      moreSpeakers,
      scopes,
      corrected,
      count,
      upto,
      incidentIds,
      stateCodes,
    };
    return { parts, transfer: [days, kinds, recordedMs, seqs, incidents, speakers].map((a) => a.buffer) };
  }

  /**
   * Every statement of the file at `path`, read through a read-only connection of its own (another thread's), as
   * `parts` gives them.
   */
  static partsOfFile(path: string): { parts: StatementRowsParts; transfer: ArrayBuffer[] } {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return FileStatementRows.load(db).parts();
    } finally {
      db.close();
    }
  }

  get length(): number {
    return this.count;
  }

  get incidentIds(): readonly string[] {
    return this.incidentNumbers.names;
  }

  get stateCodes(): readonly string[] {
    return this.stateNumbers.names;
  }

  /** The checkpoint's seq the rows show. */
  get seq(): number {
    return this.upto;
  }

  /**
   * Reads what was folded after the rows held, up to the checkpoint or, with `limit`, up to that many statements
   * more (in one read transaction): returns whether anything was. Rows and corrections up to a seq never change,
   * so the rows may stop at any seq.
   */
  follow(limit = Infinity): boolean {
    const read = () => {
      const checkpoint = ReadStore.seqOf(this.db);
      if (checkpoint === this.upto) return false;
      const nth = this.db.prepare('SELECT seq FROM statement_scan WHERE seq > ? ORDER BY seq LIMIT 1 OFFSET ?');
      const last = Number.isFinite(limit) ? (nth.pluck().get(this.upto, limit - 1) as number | undefined) : undefined;
      const upto = last !== undefined && last < checkpoint ? last : checkpoint;
      const params = { after: this.upto, upto };
      const scan = this.db.prepare('SELECT count(*) FROM statement_scan WHERE seq > @after AND seq <= @upto').pluck();
      // Sized once for everything up to the checkpoint: a load in steps grows the arrays no more.
      const first = this.days.length === 0 ? { after: this.upto, upto: checkpoint } : params;
      this.reserve(this.count + (scan.get(first) as number));
      const rows = this.db.prepare(
        `SELECT seq, day, kind, recorded_at, speakers, incidents, scope FROM statement_scan
         WHERE seq > @after AND seq <= @upto ORDER BY seq`,
      );
      for (const r of rows.raw().iterate(params) as Iterable<ScanRow>) this.append(r);
      const versions = new Map<string, VersionRow[]>();
      for (const v of this.db.prepare(CORRECTED).iterate(params) as Iterable<VersionRow>) {
        const list = versions.get(v.statement_id);
        if (list) list.push(v);
        else versions.set(v.statement_id, [v]);
      }
      for (const [id, rows] of versions) {
        const kept = rows.map((v): VersionValues => ({
          values: this.valuesOfChanges(JSON.parse(v.changes) as Partial<StatementDetails>),
          day: dayNumber(v.evidence_date),
          ms: v.recorded_at,
          correction: v.reason !== null,
        }));
        const row = this.rowOfSeq(rows[0].seq);
        this.corrected.set(id, {
          row,
          versions: kept,
          redated: kept.some((v) => v.correction && v.values.day !== undefined),
        });
        this.write(row, valuesOfVersions(kept)!);
      }
      this.upto = upto;
      return true;
    };
    return this.db.inTransaction ? read() : this.db.transaction(read)();
  }

  /**
   * The rows as of a cut (read-only, sharing these arrays: read before the next `follow`), each statement whose
   * versions the cut splits laid again from its versions within the cut. Call within the read transaction of the
   * rest of the cut's reading.
   */
  at(cut: ReadCut): FileStatementRows {
    if (cut === 'LIVE' || this.corrected.size === 0) return this.cutAt(cut, new Map());
    // Which statements the cut splits (a version within, a later one not), from the dates of their versions (cut.ts
    // says the same in SQL). With every version within, the values then are the live ones; with none, the statement
    // is absent (placed by its first delivery date).
    const lastDay = cut.clock === 'KNOWN' ? dayNumber(cutParams(cut).day) : Infinity;
    const lastMs = cut.clock === 'RECORDED' ? cut.at.getTime() : Infinity;
    const within = ({ day, ms }: VersionValues) => day <= lastDay && ms <= lastMs;
    const own = new Map<number, Values>();
    const absent: Values = { day: ABSENT_DAY, kind: 0, incidents: NONE, speakers: NONE, scope: undefined };
    for (const c of this.corrected.values()) {
      if (!within(c.versions[0])) {
        // Absent; the row holds its corrected delivery day, which may lie within the cut.
        if (c.redated) own.set(c.row, absent);
      } else if (!c.versions.every(within)) {
        own.set(c.row, valuesOfVersions(c.versions.filter(within))!);
      }
    }
    return this.cutAt(cut, own);
  }

  private cutAt(cut: ReadCut, own: Map<number, Values>): FileStatementRows {
    const rows = Object.assign(Object.create(FileStatementRows.prototype) as FileStatementRows, this);
    if (cut !== 'LIVE' && cut.clock === 'KNOWN') rows.lastDay = dayNumber(cutParams(cut).day);
    if (cut !== 'LIVE' && cut.clock === 'RECORDED') rows.lastMs = cut.at.getTime();
    rows.own = own.size > 0 ? own : null;
    rows.ownRows = null;
    if (own.size > 0) {
      rows.scoped = new Set(this.scoped);
      rows.ownRows = new Uint8Array(this.count);
      for (const [row, values] of own) {
        rows.ownRows[row] = 1;
        if (values.scope !== undefined) rows.scoped.add(row);
        else rows.scoped.delete(row);
      }
    }
    return rows;
  }

  statementIdOf(row: number): string {
    return this.idBySeq.get(this.seqs[row]) as string;
  }

  /** `statementIdOf` of each of `rows`, in their order, read in one query. */
  statementIdsOf(rows: readonly number[]): string[] {
    return this.idsBySeqs.all(JSON.stringify(rows.map((row) => this.seqs[row]))) as string[];
  }

  view(row: number): StatementRowView {
    const incidentIds: string[] = [];
    const speakers: string[] = [];
    const numbers: number[] = [];
    for (let i = 0, n = this.incidentNumbersInto(row, numbers); i < n; i++)
      incidentIds.push(this.incidentIds[numbers[i]]);
    for (let i = 0, n = this.speakersInto(row, numbers); i < n; i++) speakers.push(this.stateCodes[numbers[i]]);
    const own = this.ownOf(row);
    return {
      statementId: this.statementIdOf(row),
      kind: STATEMENT_KINDS[this.kindOf(row)],
      deliveredOn: isoDateOfDay(own ? own.day : this.days[row]),
      speakers,
      incidentIds,
      scope: own ? own.scope : this.scopes.get(row),
    };
  }

  dayOf(row: number): number {
    const own = this.ownOf(row);
    if (own) return own.day;
    const day = this.days[row];
    if (day > this.lastDay) return ABSENT_DAY;
    return this.lastMs === Infinity || this.recordedMs[row] <= this.lastMs ? day : ABSENT_DAY;
  }

  kindOf(row: number): number {
    return this.ownOf(row)?.kind ?? this.kinds[row];
  }

  incidentNumbersInto(row: number, out: number[]): number {
    const own = this.ownOf(row);
    if (own) return copy(own.incidents, out);
    let count = 0;
    for (let i = 0; i < INCIDENTS_INLINE; i++) {
      const value = this.incidents[row * INCIDENTS_INLINE + i];
      if (value < 0) return count;
      out[count++] = value;
    }
    const rest = this.moreIncidents.size > 0 ? this.moreIncidents.get(row) : undefined;
    if (rest) for (const value of rest) out[count++] = value;
    return count;
  }

  speakersInto(row: number, out: number[]): number {
    const own = this.ownOf(row);
    if (own) return distinctInto(own.speakers, 0, own.speakers.length, out, 0);
    const at = row * SPEAKERS_INLINE;
    let end = at;
    while (end < at + SPEAKERS_INLINE && this.speakers[end] >= 0) end++;
    const count = distinctInto(this.speakers, at, end, out, 0);
    if (end < at + SPEAKERS_INLINE) return count;
    return distinctInto(this.moreSpeakers.get(row) ?? NONE, 0, Infinity, out, count);
  }

  soleSpeaker(row: number): number {
    const own = this.ownOf(row);
    if (own) return own.speakers.length === 1 ? own.speakers[0] : -1;
    return this.speakers[row * SPEAKERS_INLINE + 1] < 0 ? this.speakers[row * SPEAKERS_INLINE] : -1;
  }

  private ownOf(row: number): Values | undefined {
    return this.ownRows !== null && this.ownRows[row] === 1 ? this.own!.get(row) : undefined;
  }

  private append([seq, day, kind, recordedAt, speakers, ids, scope]: ScanRow): void {
    const row = this.count++;
    if (seq > 0xffffffff) throw new Error(`seq ${seq} does not fit the statement rows`);
    this.seqs[row] = seq;
    this.recordedMs[row] = recordedAt;
    this.write(row, {
      day,
      kind,
      incidents: this.incidentNumbers.list(ids, false),
      speakers: this.stateNumbers.list(speakers, true),
      scope: scope === null ? undefined : (JSON.parse(scope) as StatementScope),
    });
  }

  /** What a version sets of a row's values, from ROW_FIELDS: every one (version 0), or those a correction changed. */
  private valuesOfChanges(changes: Partial<StatementDetails>): Partial<Values> {
    const values: Partial<Values> = {};
    if (changes.deliveredOn !== undefined) values.day = dayNumber(changes.deliveredOn);
    if (changes.kind !== undefined) values.kind = STATEMENT_KINDS.indexOf(changes.kind);
    if (changes.incidentIds !== undefined)
      values.incidents = changes.incidentIds.map((id) => this.incidentNumbers.of(id));
    if (changes.speakers !== undefined) values.speakers = changes.speakers.map((code) => this.stateNumbers.of(code));
    if (changes.scope !== undefined) values.scope = changes.scope;
    return values;
  }

  private write(row: number, v: Values): void {
    this.days[row] = v.day;
    this.kinds[row] = v.kind;
    spread(row, v.incidents, this.incidents, INCIDENTS_INLINE, this.moreIncidents);
    spread(row, v.speakers, this.speakers, SPEAKERS_INLINE, this.moreSpeakers);
    if (v.scope === undefined) {
      this.scopes.delete(row);
      this.scoped.delete(row);
    } else {
      this.scopes.set(row, v.scope);
      this.scoped.add(row);
    }
  }

  /** The row of a statement's first version (rows are in seq order). */
  private rowOfSeq(seq: number): number {
    const row = indexIn(this.seqs, this.count, seq);
    if (row < 0) throw new Error(`no statement recorded at seq ${seq}`);
    return row;
  }

  /** Room for `rows` rows: the arrays grown once to the size a load needs, by half again as folding adds. */
  private reserve(rows: number): void {
    if (rows <= this.days.length) return;
    const size = Math.max(rows, Math.ceil(this.days.length * 1.5), 1024);
    const grown = <T extends Int32Array | Int16Array | Uint8Array | Uint32Array | Float64Array>(
      old: T,
      n: number,
      fill = 0,
    ): T => {
      const next = new (old.constructor as new (length: number) => T)(n);
      if (fill !== 0) next.fill(fill);
      next.set(old);
      return next;
    };
    this.days = grown(this.days, size);
    this.kinds = grown(this.kinds, size);
    this.recordedMs = grown(this.recordedMs, size);
    this.seqs = grown(this.seqs, size);
    this.incidents = grown(this.incidents, size * INCIDENTS_INLINE, -1);
    this.speakers = grown(this.speakers, size * SPEAKERS_INLINE, -1);
  }
}
