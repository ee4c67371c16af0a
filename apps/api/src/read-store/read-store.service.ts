import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  EventStore,
  READ_BATCH_SIZE,
  StoreUnavailableError,
  type Position,
  type StoredEvent,
  type Subscription,
} from '@app/event-store';
import { DEFAULT_POLICY } from '@app/domain';
import {
  type Checkpoint,
  type EventSource,
  type Lookups,
  type PageChanges,
  ReadStore,
  projectionVersion,
  rebuildReadStore,
  type RebuildReport,
} from '@app/read-store';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { type ApiError, unavailable } from '../graphql/error-codes';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { Stopped, yieldingSource } from './event-source';
import { livePages } from './live-pages';
import { PositionWaiters } from '@app/projections';
import { ProjectionFileLock } from './projection-file-lock';
import type { ProjectionFileReadiness } from './projection-file-readiness';
import { type RebuildStoreAddress, type WorkerRebuild, rebuildInWorker, storeAddressOf } from './rebuild-in-worker';
import { AtCheckpoint } from './at-checkpoint';
import { openIfCurrent } from './open-if-current';
import { warmLiveReads } from './warm-live-reads';
import { warmPastReads } from './warm-past-reads';
import { reportRowsOf } from './report-rows';
import { takePreloadedOverview, workerScript } from './report-rows-worker';
import { keepUnfilteredOverview } from './live-overview';

const SUPERVISE_EVERY_MS = 2000;
/** Lag beyond this is reported as "at least". */
const LAG_CAP = 10_000_000;
/** Stores up to this many events are rebuilt in-process (well under a second), larger ones in a worker thread. */
const IN_PROCESS_REBUILD_MAX = 10_000;
/** How long ready waits at most for the overview the start-up worker is reading (0.4-0.5 s on the benchmark's). */
const OVERVIEW_WAIT_MS = 3_000;

/** Hears what a page folded live changed, with the file exactly as that page left it (read it before returning). */
export type PageListener = (changes: PageChanges, file: ReadStore) => void;
/**
 * This instance's projection file (libs/read-store): opened once the service listens (main.ts), rebuilt
 * first when missing or of another version (into a new file, swapped in whole), caught up from its
 * checkpoint, then kept live by a subscription to `$all` (which wakes on this process's commits and, for
 * SQLite, on other processes' through `PRAGMA data_version`). Each page is folded with its checkpoint in one
 * transaction. Every question reads it (`serving`, `readServing`): UNAVAILABLE until it first catches up.
 */
@Injectable()
export class ReadStoreService implements OnApplicationShutdown {
  private readonly logger = new Logger('ProjectionFile');
  /**
   * What the questions about now read from the file (`LiveReads`), kept until it moves (an incident with its
   * corroborations: a few KiB; a page of 50 statements, tens of KiB; beyond 1,024 answers, half go): here, so that
   * the overview worked out right after ready is the one the first visitor reads.
   */
  readonly liveKept = new AtCheckpoint(1024);
  /** PROJECTIONS_DB; the file kept is this one or, when another process holds it, an alternate beside it. */
  private readonly configured: string;
  private lock: ProjectionFileLock | null = null;
  /** What the file must hold: the read store's layout and the policy the service runs (the default one). */
  private readonly version = projectionVersion(DEFAULT_POLICY);
  private readonly waiters: PositionWaiters;
  private file: ReadStore | null = null;
  private subscription: Subscription | null = null;
  private loop: Promise<void> | null = null;
  private starting: Promise<void> | null = null;
  private rebuildingNow: Promise<void> | null = null;
  private rebuildRead: number | null = null;
  private warm = true;
  /** A rebuild runs in a worker thread with a connection of its own to the store; in-process for `:memory:`. */
  private readonly storeAddress: RebuildStoreAddress | null;
  private worker: WorkerRebuild | null = null;
  /** Bumped when the open file is swapped out or the service stops: folds of an older generation end. */
  private generation = 0;
  private caughtUp = false;
  private shuttingDown = false;
  private lastError: string | null = null;
  private supervisor?: NodeJS.Timeout;
  /** Live folding waits while this is set (holdLiveFolding: for tests). */
  private held: { until: Promise<void>; release: () => void } | null = null;
  private readonly listeners = new Set<PageListener>();
  constructor(
    @Inject(EventStore) private readonly events: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.configured = config.projectionsDb;
    this.storeAddress = storeAddressOf(config);
    this.waiters = new PositionWaiters((a, b) => events.comparePositions(a, b));
  }

  /**
   * Opens the file and follows the store, with a supervisor that retries after a failure (the store
   * unreachable, the subscription broken, a write to the file failed). Resolves once caught up or failed;
   * never rejects. Calling it again is harmless.
   */
  /**
   * Opens (or builds) the file and catches it up, then follows the store. `warm`: once it serves, read what the
   * first questions read (the service; a command line asks none of them).
   */
  start(options: { warm?: boolean } = {}): Promise<void> {
    this.warm = options.warm ?? true;
    if (this.supervisor === undefined && !this.shuttingDown) {
      this.supervisor = setInterval(() => void this.supervise(), SUPERVISE_EVERY_MS);
      this.supervisor.unref();
    }
    return this.startOnce();
  }

  /** Resolves true once the file's checkpoint reaches `position`; false after `timeoutMs` or on shutdown. */
  waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    if (this.shuttingDown) return Promise.resolve(false);
    return this.waiters.wait(position, this.position(), timeoutMs);
  }

  /**
   * What commands look up, from the file while it follows the store (during a rebuild too: the open file follows
   * until the swap); null while it catches up (at start, after the swap).
   */
  get lookups(): Lookups | null {
    return this.servingFile?.lookups ?? null;
  }

  /**
   * Listens to what each page folded live changes (the subscriptions' feeds); returns the unsubscribe function. A
   * catch-up (at start, after a failure) or a rebuild tells nothing: nobody could have heard it as it happened.
   */
  onPage(listener: PageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Rebuilds the file from the start of the store into a new file; the open one serves until the swap. */
  rebuild(): Promise<void> {
    this.rebuildingNow ??= this.rebuildNow().finally(() => (this.rebuildingNow = null));
    return this.rebuildingNow;
  }

  /** `read` of the file while it serves; UNAVAILABLE when it is not serving or `read` cannot answer (null). */
  readNow<T>(read: (file: ReadStore) => T | null): T {
    const got = read(this.serving);
    if (got === null) throw this.unavailable();
    return got;
  }

  /**
   * `read` of the file while it serves (`generation` names the open file: a read that spans turns of the loop checks
   * it); UNAVAILABLE when it is not serving, or when `read` finds it swapped or closed meanwhile (null).
   */
  async readServing<T>(read: (file: ReadStore, generation: number) => T | null | Promise<T | null>): Promise<T> {
    const got = await read(this.serving, this.generation);
    if (got === null) throw this.unavailable();
    return got;
  }

  /**
   * `read` of the file when it is serving and shows every one of `positions` (at or past them: a mutation's answer
   * after its writes, which the executor waited for); else null.
   */
  readShowing<T>(positions: readonly Position[], read: (file: ReadStore) => T): { read: T } | null {
    if (!this.isServing() || this.file === null || !this.file.db.open) return null;
    const at = this.position();
    const shows = (p: Position) => at !== null && this.events.comparePositions(at, p) >= 0;
    return positions.every(shows) ? { read: read(this.file) } : null;
  }

  /** The open file while it is serving (what it shows now: links an in-memory fold may follow); else null. */
  get servingFile(): ReadStore | null {
    return this.isServing() && this.file?.db.open ? this.file : null;
  }

  /** The open file while it is serving; UNAVAILABLE (retryable) while it catches up, at start or after a swap. */
  get serving(): ReadStore {
    const file = this.servingFile;
    if (file !== null) return file;
    throw this.unavailable();
  }

  private unavailable(): ApiError {
    return this.rebuildRead === null
      ? unavailable()
      : unavailable(`The registry is starting: its projection file is being built (${this.rebuildRead} events read).`);
  }

  /** Caught up and following the store; during a rebuild too: the open file serves until the swap. */
  private isServing(): boolean {
    return this.caughtUp && this.subscription !== null;
  }

  /** The file this instance keeps (once it holds its lock). */
  get path(): string {
    return this.lock?.file ?? this.configured;
  }

  /** What the metrics read when scraped: the open file's checkpoint (null: none open yet) and whether it serves. */
  snapshot(): { checkpoint: Checkpoint | null; serving: boolean } {
    return { checkpoint: this.file?.db.open ? this.file.checkpoint() : null, serving: this.isServing() };
  }

  async readiness(): Promise<ProjectionFileReadiness> {
    const open = this.file?.db.open ? this.file : null;
    const checkpoint = open?.checkpoint() ?? null;
    const live = this.subscription !== null;
    const rebuilding = this.rebuildingNow !== null || this.rebuildRead !== null;
    const state = {
      ready: this.isServing(),
      file: basename(this.path),
      version: this.version,
      caughtUp: this.caughtUp,
      live,
      rebuilding,
      rebuildRead: this.rebuildRead,
      checkpoint,
      skippedEventIds: open?.skippedEventIds() ?? [],
      lastError: this.lastError,
    };
    const at = checkpoint?.position ?? null;
    try {
      return { ...state, lag: { checkpoint: at, ...(await this.events.lagAfter(at, LAG_CAP)) } };
    } catch (error) {
      return { ...state, lag: null, lagError: (error as Error).message };
    }
  }

  /**
   * Holds live folding (the file stays at its checkpoint) until the returned function is called: a command line's
   * export reads one snapshot across turns of the event loop; tests hold a page back.
   */
  holdLiveFolding(): () => void {
    let release!: () => void;
    const hold = { until: new Promise<void>((resolve) => (release = resolve)), release: () => release() };
    this.held = hold;
    return () => {
      if (this.held === hold) this.held = null;
      hold.release();
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    this.held?.release();
    this.held = null;
    this.generation++;
    clearInterval(this.supervisor);
    await this.subscription?.close();
    await this.worker?.stop();
    await Promise.allSettled([this.loop, this.starting, this.rebuildingNow]);
    this.waiters.releaseAll();
    this.file?.close();
    this.file = null;
    this.lock?.release();
    this.lock = null;
  }

  private startOnce(): Promise<void> {
    this.starting ??= this.startNow().finally(() => (this.starting = null));
    return this.starting;
  }

  /** Restarts following (from the checkpoint) when it stopped after a failure. */
  private async supervise(): Promise<void> {
    if (this.starting || this.rebuildingNow || this.shuttingDown || this.subscription !== null) return;
    await this.startOnce();
  }

  private async startNow(): Promise<void> {
    const generation = this.generation;
    const started = Date.now();
    try {
      this.file ??= await this.open(generation);
      // The report's statement rows, read by a worker thread from the file as it is while this one catches up (see
      // report-rows.ts; from the TypeScript sources, once serving, in steps between the answers).
      if (this.warm && workerScript() !== null) this.tryTo(() => void reportRowsOf(this.file!));
      const folded = await this.file.catchUp(this.source(generation));
      this.ensureCurrent(generation);
      const first = !this.caughtUp;
      if (first) this.logger.log(`caught up: ${folded} events in ${Date.now() - started} ms (${this.path})`);
      // The overview a worker read at start-up, when it is of the file as it is now (see preloadReportRows), waited
      // for while the worker reads it: the first questions would otherwise wait for a second reading of it here.
      const early = first && this.warm ? await takePreloadedOverview(this.file, OVERVIEW_WAIT_MS) : null;
      this.ensureCurrent(generation);
      if (early !== null) {
        keepUnfilteredOverview(this.liveKept, this.file, early);
        this.logger.log(`overview without filters: ${early.length} incidents read by a worker thread from start-up`);
      }
      this.caughtUp = true;
      this.lastError = null;
      this.follow(this.file, generation);
      if (first && this.warm) this.prepareFirstReads(this.file, generation);
    } catch (error) {
      // Nothing may escape: this runs in the background, and a rejection would end the process.
      if (error instanceof Stopped || this.shuttingDown) return;
      this.lastError = (error as Error).message;
      if (error instanceof StoreUnavailableError)
        this.logger.warn(`event store unavailable, retrying in the background: ${error.message}`);
      else this.logger.error(`catch-up failed, retrying in the background: ${(error as Error).stack ?? String(error)}`);
    }
  }

  /**
   * Once serving, reads what the next questions read, each in a turn of its own so that requests and probes go
   * between them: the overview without filters (kept: a visitor's first look at the page asks it; 0.4-0.5 s on
   * the benchmark's store, unless the start-up worker's was kept), a page on each clock about the past (not kept:
   * the code, its statements and the file's pages are then no longer cold), and the report's statement rows. A
   * question asked meanwhile computes its own answer. Not before ready: ready is the file caught up, and an
   * orchestrator waiting on it should not wait for a cache.
   */
  private prepareFirstReads(file: ReadStore, generation: number): void {
    const steps = [
      () => warmLiveReads(file, this.liveKept),
      () => warmPastReads(file, new Date()),
      () => void reportRowsOf(file),
    ];
    const next = () => {
      const step = steps.shift();
      if (step === undefined || generation !== this.generation || !file.db.open) return;
      this.tryTo(step);
      setImmediate(next);
    };
    setImmediate(next);
  }

  /** A failure to prepare a first read only costs the first question the wait. */
  private tryTo(prepare: () => void): void {
    try {
      prepare();
    } catch (error) {
      this.logger.warn(`could not prepare the first reads: ${(error as Error).message}`);
    }
  }

  /** The file if it holds this version's projection; else rebuilt first (a missing file, another version). */
  private async open(generation: number): Promise<ReadStore> {
    if (this.path === ':memory:') return ReadStore.openFile(this.path);
    this.own();
    const current = existsSync(this.path) ? openIfCurrent(this.path, this.logger) : null;
    if (current) return current;
    this.logger.log(`rebuilding ${this.path}: ${existsSync(this.path) ? 'built by another version' : 'missing'}`);
    await this.rebuildFile(generation);
    return ReadStore.openFile(this.path);
  }

  /** Takes the lock on the file this instance keeps, once (it is held until shutdown). */
  private own(): void {
    if (this.lock) return;
    this.lock = ProjectionFileLock.acquireFree(this.configured);
    if (this.lock === null) throw new Error(`${this.configured} and its alternates are held by other processes`);
    if (this.lock.file !== this.configured)
      this.logger.warn(`${this.configured} is held by another process: keeping ${this.lock.file} instead`);
  }

  private async rebuildFile(generation: number): Promise<void> {
    const started = Date.now();
    this.rebuildRead = 0;
    // The file open meanwhile (a rebuild asked for while serving) is closed just before the swap; on first open
    // there is none, and the start that asked goes on.
    const beforeSwap = () => {
      if (this.file) this.detach();
    };
    try {
      let report: RebuildReport;
      const inWorker = this.storeAddress !== null && (await this.isLarge());
      if (this.storeAddress === null || !inWorker) {
        report = await rebuildReadStore(this.path, this.source(generation, true), { beforeSwap });
      } else {
        this.ensureCurrent(generation); // a shutdown meanwhile must not start a thread it no longer stops
        this.worker = rebuildInWorker(this.path, this.storeAddress, { read: (n) => this.countRead(n), beforeSwap });
        report = await this.worker.done;
      }
      const where = inWorker ? 'in a worker thread' : 'in-process';
      this.logger.log(`rebuilt ${this.path} ${where}: ${report.seq} events in ${Date.now() - started} ms`);
    } finally {
      this.worker = null;
      this.rebuildRead = null;
    }
  }

  /** Whether a rebuild is worth a worker thread (a small one is over before a thread has loaded its modules). */
  private async isLarge(): Promise<boolean> {
    return !(await this.events.lagAfter(null, IN_PROCESS_REBUILD_MAX)).exact;
  }

  private countRead(events: number): void {
    if (this.rebuildRead !== null) this.rebuildRead += events;
  }

  private async rebuildNow(): Promise<void> {
    await this.starting;
    if (this.shuttingDown) return;
    if (this.path === ':memory:') {
      const fresh = ReadStore.openFile(this.path);
      try {
        await fresh.catchUp(this.source(this.generation));
      } catch (error) {
        fresh.close();
        throw error;
      }
      this.detach();
      this.file = fresh;
    } else {
      this.own();
      await this.rebuildFile(this.generation);
    }
    await this.startOnce();
  }

  /** Before a swap: the open file stops folding and closes (a fold of its generation stops at its next page). */
  private detach(): void {
    this.generation++;
    void this.subscription?.close();
    this.subscription = null;
    this.loop = null;
    this.file?.close();
    this.file = null;
  }

  /** `$all` for a fold of this generation (see yieldingSource); a rebuild's counts what it has read. */
  private source(generation: number, counting = false): EventSource {
    const check = () => this.ensureCurrent(generation);
    return counting ? yieldingSource(this.events, check, (n) => this.countRead(n)) : yieldingSource(this.events, check);
  }

  private ensureCurrent(generation: number): void {
    if (this.shuttingDown || generation !== this.generation) throw new Stopped();
  }

  private follow(file: ReadStore, generation: number): void {
    const from = file.checkpoint().position;
    const subscription = this.events.subscribeToAll(from === null ? {} : { fromPosition: from });
    this.subscription = subscription;
    this.loop = this.foldLive(file, subscription, generation);
    this.waiters.release(this.position());
  }

  private async foldLive(file: ReadStore, subscription: Subscription, generation: number): Promise<void> {
    try {
      for await (const page of livePages(subscription, READ_BATCH_SIZE)) {
        while (this.held !== null) await this.held.until;
        if (generation !== this.generation || this.shuttingDown) return;
        const from = file.checkpoint();
        const changes = file.applyPage(this.after(from.position, page), { assess: true });
        const to = file.checkpoint().seq;
        this.liveKept.folded(file, from.seq, to, changes.markedIncidentIds, changes.spokenStateCodes);
        this.waiters.release(this.position());
        this.tell(changes, file);
      }
      this.drop(subscription, generation, 'subscription ended without an error');
    } catch (error) {
      this.drop(subscription, generation, `live folding failed: ${String(error)}`);
    }
  }

  /** Synchronously, before the next page folds: each listener reads the file as this page left it. */
  private tell(changes: PageChanges, file: ReadStore): void {
    if (changes.statusChanges.length === 0 && changes.recordedStatementIds.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(changes, file);
      } catch (error) {
        this.logger.warn(`a listener to the folded pages failed: ${(error as Error).message}`);
      }
    }
  }

  /** The events of a page after the checkpoint (a subscription may hand over again what a catch-up folded). */
  private after(checkpoint: Position | null, page: StoredEvent[]): StoredEvent[] {
    if (checkpoint === null) return page;
    return page.filter((stored) => this.events.comparePositions(stored.position, checkpoint) > 0);
  }

  /** Not live any more: the supervisor resumes from the checkpoint. */
  private drop(subscription: Subscription, generation: number, reason: string): void {
    if (this.shuttingDown || generation !== this.generation || this.subscription !== subscription) return;
    this.lastError = reason;
    this.logger.warn(`${reason}; resuming from the checkpoint`);
    void subscription.close();
    this.subscription = null;
    this.loop = null;
  }

  private position(): Position | null {
    return this.file?.db.open ? this.file.checkpoint().position : null;
  }
}
