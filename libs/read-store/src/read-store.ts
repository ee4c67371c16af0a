import { DEFAULT_POLICY, upcast } from '@app/domain';
import type { PolicyConfig, RegistryEvent } from '@app/domain';
import type { EventStore, Position, StoredEvent } from '@app/event-store';
import { evidenceDateOf } from '@app/projections';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { assessAsOf, assessPending, type IncidentAssessment } from './assessments';
import type { ReadCut } from './cut';
import { bulkReader } from './incidents-at';
import {
  PROJECTIONS,
  RowBuffer,
  UserStatements,
  dirtyProjection,
  supersedeStatements,
  type Evolve,
  type SupersedeStatements,
} from './evolve';
import { Lookups } from './lookups';
import { namedMoves, noChanges, type PageChanges, type StatusMove } from './page-changes';
import { INDEXES, SCHEMA } from './schema';

/** Bumped whenever a table or an evolve function changes: with the policy's version, a mismatch rebuilds. */
export const READ_STORE_VERSION = 'read-store-20';
export const projectionVersion = (policy: PolicyConfig): string => `${READ_STORE_VERSION}+policy-${policy.version}`;
const PROJECTION = 'registry';

export interface ReadStoreOptions {
  policy?: PolicyConfig;
}
/** Where events come from: the event-store port (or anything that pages through `$all` the same way). */
export type EventSource = Pick<EventStore, 'readAllBatches'>;

export interface Checkpoint {
  version: string;
  /** The store position of the last event folded; null before the first. */
  position: Position | null;
  /** How many events were folded (skipped ones included). */
  seq: number;
  skipped: number;
}

/** A rebuild's checkpoint, and where its time went (ms): folding the events, indexing, assessing. */
export interface RebuildReport extends Checkpoint {
  ms: { fold: number; index: number; settle: number };
}

/** Incidents assessed per transaction when a settle reads each on its own (a few are due). */
const ASSESS_CHUNK = 500;

/**
 * The read side's SQLite file: bitemporal fact tables, the live assessments, and a checkpoint written in
 * the same transaction as the rows it covers (Emmett's pattern), so that a crash can never leave the
 * tables ahead of or behind it.
 */
export class ReadStore {
  private readonly evolves: Evolve[];
  private readonly supersede: SupersedeStatements;
  private readonly userStatements: UserStatements;
  private readonly buffers: RowBuffer[] = [];
  private readonly markDirty: Evolve | null;
  private readonly markAllDirty: Database.Statement;
  private readonly countDirty: Database.Statement;
  private readonly anyDirty: Database.Statement;
  private readonly markedAndAbove: Database.Statement;
  private readonly spokenSince: Database.Statement;
  private readonly readCheckpoint: Database.Statement;
  private readonly writeCheckpoint: Database.Statement;
  private readonly rememberKey: Database.Statement;
  private readonly rememberSkipped: Database.Statement;
  private readonly writeLatestEvidence: Database.Statement;
  private readonly dataVersion: Database.Statement;
  private lastDataVersion: number;
  private lookupsHere: Lookups | null = null;
  private known: Checkpoint | null = null;
  readonly policy: PolicyConfig;
  readonly version: string;

  private constructor(
    readonly path: string,
    readonly db: Database.Database,
    options: ReadStoreOptions,
    /** A file being rebuilt: no per-event marking of incidents to assess, no superseding until the end. */
    private readonly bulk: boolean,
  ) {
    this.policy = options.policy ?? DEFAULT_POLICY;
    this.version = projectionVersion(this.policy);
    const page = {
      buffer: (table: string, columns: number) => {
        const buffer = new RowBuffer(db, table, columns);
        this.buffers.push(buffer);
        return buffer;
      },
    };
    this.userStatements = new UserStatements(db, bulk);
    this.evolves = [...PROJECTIONS.map((projection) => projection(db, page)), this.userStatements.evolve];
    this.supersede = supersedeStatements(db);
    this.markDirty = bulk ? null : dirtyProjection(db, page);
    this.markAllDirty = db.prepare('INSERT OR IGNORE INTO dirty_incidents SELECT incident_id, seq FROM incidents');
    this.countDirty = db.prepare(
      'SELECT (SELECT count(*) FROM dirty_incidents) AS pending, (SELECT count(*) FROM incidents) AS incidents',
    );
    this.anyDirty = db.prepare('SELECT EXISTS (SELECT 1 FROM dirty_incidents)').pluck();
    // An incident's marks reach the incidents it was merged into (a duplicate's evidence is theirs too).
    this.markedAndAbove = db
      .prepare(
        `WITH RECURSIVE above(id) AS (
           SELECT incident_id FROM dirty_incidents
           UNION SELECT m.canonical_incident_id FROM incident_merges m JOIN above ON m.incident_id = above.id
         )
         SELECT id FROM above`,
      )
      .pluck();
    // Each version of a statement sets its speakers or leaves them: version 0 holds every field.
    this.spokenSince = db
      .prepare(
        `SELECT DISTINCT j.value FROM statement_versions v, json_each(v.changes, '$.speakers') j
         WHERE v.statement_id IN (SELECT statement_id FROM statement_versions WHERE seq >= ?)`,
      )
      .pluck();
    this.readCheckpoint = db.prepare('SELECT version, position, seq, skipped FROM checkpoint WHERE projection = ?');
    this.writeCheckpoint = db.prepare('INSERT OR REPLACE INTO checkpoint VALUES (?,?,?,?,?)');
    this.rememberSkipped = db.prepare('INSERT OR REPLACE INTO skipped_events VALUES (?, ?, ?)');
    this.rememberKey = db.prepare(
      `INSERT INTO idempotency VALUES (?,?,?,?) ON CONFLICT (key) DO UPDATE
       SET input_hash = excluded.input_hash, position = excluded.position WHERE stream = excluded.stream`,
    );
    this.writeLatestEvidence = db.prepare(
      `INSERT INTO latest_evidence VALUES (?, ?)
       ON CONFLICT DO UPDATE SET evidence_date = max(evidence_date, excluded.evidence_date)`,
    );
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
    this.lastDataVersion = this.dataVersion.get() as number;
  }

  /**
   * Opens (creating if needed) a projection file as it is, whatever version it holds. `bulk` is for a file
   * being rebuilt that nobody reads yet: journal in memory, no fsync, query indexes made at the end (see rebuild).
   */
  static openFile(path: string, options: ReadStoreOptions & { bulk?: boolean } = {}): ReadStore {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    if (options.bulk) {
      db.pragma('journal_mode = MEMORY'); // OFF is refused in better-sqlite3's defensive mode
      db.pragma('synchronous = OFF');
    } else {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    // Each connection's page cache is its own memory beside the kernel's cache of the same file: a serving connection
    // reads mostly the pages of what it is asked (16 MiB served the benchmark's reads as fast as 64 and kept about
    // 48 MiB out of the service's RSS). A rebuild takes less: SQLite sorts an index's keys in runs the size of the
    // cache, then merges them, and 64 MiB runs took the benchmark's indexes 14-15 s against 8.5-10 s for 8 MiB
    // (2-16 MiB alike); the fold and the assessments ran no slower.
    db.pragma(`cache_size = ${options.bulk ? -8192 : -16384}`);
    // A rebuild assesses every incident, reading indexes at random: mapped pages are read without a system call
    // each. Only then: every mapped page touched counts in the RSS of the service that keeps the file open.
    if (options.bulk) db.pragma('mmap_size = 268435456');
    db.exec(SCHEMA);
    const store = new ReadStore(path, db, options, options.bulk === true);
    // A file of another version is rebuilt, not served: indexing it first would only hold up the start.
    const stored = store.storedVersion();
    if (!options.bulk && (stored === null || stored === store.version)) db.exec(INDEXES);
    return store;
  }

  /** What commands look up before they decide (existence, merges, idempotency keys), by key from the live rows. */
  get lookups(): Lookups {
    return (this.lookupsHere ??= new Lookups(this.db));
  }

  /** The checkpoint's seq of the projection file `db` reads (0: nothing folded): any connection to it, any thread. */
  static seqOf(db: Database.Database): number {
    const row = db.prepare('SELECT seq FROM checkpoint WHERE projection = ?').get(PROJECTION);
    return (row as { seq: number } | undefined)?.seq ?? 0;
  }

  /**
   * The last page folded into the file. Asked on every request (answers are kept until it moves), so it is not read
   * each time but remembered as this connection last read or wrote it: a file has one writer (the service holds its
   * lock; a command line beside it folds another file), and a page folded here reads it from the file first.
   */
  checkpoint(): Checkpoint {
    return (this.known ??= this.checkpointInFile());
  }

  private checkpointInFile(): Checkpoint {
    const row = this.readCheckpoint.get(PROJECTION) as Checkpoint | undefined;
    return Object.freeze(row ?? { version: this.version, position: null, seq: 0, skipped: 0 });
  }

  /** What the file holds now: the canonical incidents (merged duplicates not counted) and the other records. */
  counts(): { sources: number; incidents: number; corroborations: number; investigations: number; statements: number } {
    const count = (sql: string) => this.db.prepare(sql).pluck().get() as number;
    return {
      sources: count('SELECT count(*) FROM sources'),
      incidents: count(
        `SELECT count(*) FROM incidents i
         WHERE NOT EXISTS (SELECT 1 FROM incident_merges m WHERE m.incident_id = i.incident_id)`,
      ),
      corroborations: count('SELECT count(*) FROM corroborations'),
      investigations: count('SELECT count(*) FROM investigations'),
      statements: count('SELECT count(*) FROM statement_scan'),
    };
  }

  /** The ids of the last `limit` events the fold could not read, oldest first. */
  skippedEventIds(limit = 20): string[] {
    const ids = this.db.prepare('SELECT event_id FROM skipped_events ORDER BY seq DESC LIMIT ?').pluck().all(limit);
    return (ids as string[]).reverse();
  }

  /** The version the file was built with; null for a file that holds no checkpoint yet. */
  storedVersion(): string | null {
    return (this.readCheckpoint.get(PROJECTION) as Checkpoint | undefined)?.version ?? null;
  }

  /**
   * Folds one page of events in one transaction with the checkpoint. With `assess`, the live assessments of
   * the incidents the page touched are brought up to date in the same transaction too, and what the page changed
   * is returned (see PageChanges): a status compared with the one stored before the page, so one that moves and
   * moves back within the page moved nothing. Without `assess`, nothing is reported.
   */
  applyPage(page: readonly StoredEvent[], options: { assess: boolean }): PageChanges {
    const changes = noChanges();
    if (page.length === 0) return changes;
    if (this.bulk && options.assess) throw new Error('a file being rebuilt is assessed once, at the end');
    const fold = this.db.transaction(() => {
      // Another connection committed to this file since our last page (it changes nothing we commit ourselves):
      // what the fold holds in memory may be stale.
      const version = this.dataVersion.get() as number;
      if (version !== this.lastDataVersion) this.userStatements.reload();
      this.lastDataVersion = version;
      // Incidents left due by an earlier fold (a crash, a catch-up not settled) are brought up to date first,
      // unheard: the statuses the page is compared with are then the ones the registry showed before it.
      const marked = new Set<string>();
      const noteMarked = () => {
        for (const id of this.markedAndAbove.all() as string[]) marked.add(id);
      };
      if (options.assess && this.anyDirty.get() !== 0) {
        noteMarked();
        assessPending(this.db, this.policy);
      }
      let { seq, skipped } = this.checkpointInFile();
      const first = seq + 1;
      let latest: string | null = null;
      for (const stored of page) {
        seq++;
        const key = stored.metadata?.idempotencyKey;
        if (typeof key === 'string') {
          const hash = stored.metadata.inputHash;
          this.rememberKey.run(key, typeof hash === 'string' ? hash : '', stored.stream, stored.position);
        }
        const event = readable(stored);
        if (event === null) {
          skipped++;
          this.rememberSkipped.run(seq, stored.id, stored.type);
          continue;
        }
        const meta = {
          seq,
          evidenceDate: evidenceDateOf(event),
          recordedAt: stored.recordedAt.getTime(),
          eventId: stored.id,
          revision: stored.revision,
        };
        for (const evolve of this.evolves) evolve(event, meta);
        this.markDirty?.(event, meta);
        if (options.assess && event.type === 'StatementRecorded')
          changes.recordedStatementIds.push(event.data.statementId);
        if (meta.evidenceDate !== null && (latest === null || meta.evidenceDate > latest)) latest = meta.evidenceDate;
      }
      if (latest !== null) this.writeLatestEvidence.run(PROJECTION, latest);
      for (const buffer of this.buffers) buffer.flush();
      if (!this.bulk) {
        this.supersede(first, seq);
        this.userStatements.settle();
      }
      if (options.assess) {
        noteMarked();
        changes.markedIncidentIds = [...marked];
        changes.spokenStateCodes = this.spokenSince.all(first) as string[];
        const moves: StatusMove[] = [];
        assessPending(this.db, this.policy, Number.MAX_SAFE_INTEGER, undefined, moves);
        changes.statusChanges = namedMoves(moves, page, first);
      }
      const position = page[page.length - 1].position;
      this.writeCheckpoint.run(PROJECTION, this.version, position, seq, skipped);
      return Object.freeze({ version: this.version, position, seq, skipped });
    });
    try {
      this.known = fold();
      return changes;
    } catch (error) {
      // Rolled back: what the page left in memory goes too.
      this.known = null;
      for (const buffer of this.buffers) buffer.clear();
      this.userStatements.reload();
      throw error;
    }
  }

  /** Folds every event after the checkpoint, a page per transaction; returns how many were folded. */
  async catchUp(source: EventSource, options: { assess: boolean } = { assess: true }): Promise<number> {
    let folded = 0;
    const from = this.checkpoint().position;
    for await (const page of source.readAllBatches(from === null ? {} : { fromPosition: from })) {
      this.applyPage(page, options);
      folded += page.length;
    }
    if (options.assess) this.settle();
    return folded;
  }

  /** Ends a bulk fold: the query indexes, the superseding of corrected statements' rows, every incident to assess. */
  finishBulk(): void {
    this.db.exec(INDEXES);
    this.db.transaction(() => {
      this.supersede(0, Number.MAX_SAFE_INTEGER);
      this.userStatements.settle();
      this.markAllDirty.run();
    })();
  }

  /**
   * Assesses every incident still listed as dirty (after a bulk fold, or a crash between the two). Many of them
   * (a rebuild: all) are assessed in one transaction from one bulk read of the live cut (see incidentsAt);
   * a few, in chunks, each read on its own.
   */
  settle(): number {
    const { pending, incidents } = this.countDirty.get() as { pending: number; incidents: number };
    if (pending > 0 && pending * 4 >= incidents) {
      const { reader } = bulkReader(this.db, 'LIVE');
      return this.db.transaction(() => assessPending(this.db, this.policy, Number.MAX_SAFE_INTEGER, reader))();
    }
    let total = 0;
    for (;;) {
      const n = this.db.transaction(() => assessPending(this.db, this.policy, ASSESS_CHUNK))();
      total += n;
      if (n < ASSESS_CHUNK) return total;
    }
  }

  /** The policy over one incident's rows as of a cut ('LIVE': everything folded). */
  assessAsOf(incidentId: string, cut: ReadCut): IncidentAssessment | null {
    return assessAsOf(this.db, incidentId, cut, this.policy);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** The upcast event, or null for one the read side skips (unknown, newer, unreadable), as the fold does. */
function readable(stored: StoredEvent): RegistryEvent | null {
  if (stored.unreadable !== undefined) return null;
  try {
    return upcast(stored.type, stored.data, stored.metadata?.schemaVersion ?? 1);
  } catch {
    return null;
  }
}

/**
 * The version a projection file was built with, read without changing it (its tables may be another version's);
 * null when there is no file, or it holds no checkpoint or is no database at all: it is rebuilt then.
 */
function versionOf(path: string): string | null {
  if (!existsSync(path)) return null;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT version FROM checkpoint WHERE projection = ?').get(PROJECTION);
      return (row as { version: string } | undefined)?.version ?? null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

const siblings = (path: string) => [`${path}-wal`, `${path}-shm`, `${path}-journal`];

/**
 * Rebuilds the projection file at `path` from every event: into a new file beside it (the old one keeps
 * serving meanwhile), then moved over it. `beforeSwap` runs just before the move: close the old file's
 * connections there. A crash at any point leaves the old file, the new one, or none (rebuilt on next open),
 * never half of one: the new file is complete before the rename, and the rename is atomic.
 */
export async function rebuildReadStore(
  path: string,
  source: EventSource,
  options: ReadStoreOptions & { beforeSwap?: () => void } = {},
): Promise<RebuildReport> {
  const building = `${path}.rebuilding`;
  for (const file of [building, ...siblings(building)]) rmSync(file, { force: true });
  const fresh = ReadStore.openFile(building, { ...options, bulk: true });
  const ms = { fold: 0, index: 0, settle: 0 };
  try {
    let t = performance.now();
    await fresh.catchUp(source, { assess: false });
    ms.fold = performance.now() - t;
    t = performance.now();
    fresh.finishBulk();
    ms.index = performance.now() - t;
    t = performance.now();
    fresh.settle();
    ms.settle = performance.now() - t;
    fresh.db.pragma('journal_mode = WAL');
  } finally {
    fresh.close();
  }
  options.beforeSwap?.();
  // The old file's journal must not outlive it: SQLite would lay it over the new file.
  if (siblings(path).some((file) => existsSync(file))) {
    rmSync(path, { force: true });
    for (const file of siblings(path)) rmSync(file, { force: true });
  }
  renameSync(building, path);
  const opened = ReadStore.openFile(path, options);
  try {
    return { ...opened.checkpoint(), ms };
  } finally {
    opened.close();
  }
}

/**
 * Opens the projection file for serving: a missing file, or one built by another projection or policy
 * version, is rebuilt first; then it catches up from its checkpoint.
 */
export async function openReadStore(
  path: string,
  source: EventSource,
  options: ReadStoreOptions = {},
): Promise<ReadStore> {
  const version = projectionVersion(options.policy ?? DEFAULT_POLICY);
  if (versionOf(path) !== version) await rebuildReadStore(path, source, options);
  const store = ReadStore.openFile(path, options);
  await store.catchUp(source);
  return store;
}
