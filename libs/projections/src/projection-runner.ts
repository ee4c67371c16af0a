import type { PolicyConfig } from '@app/domain';
import type { EventStore, Position, Subscription } from '@app/event-store';
import type { RegistryModel } from './model';
import { createRegistryModel } from './model';
import { loopYielder } from './event-loop';
import { PositionWaiters } from './position-waiters';
import type { ChangeSet } from './registry.projection';
import { evolveRegistry, foldRegistry, PROJECTION_VERSION, settleRegistry } from './registry.projection';

export type ChangeListener = (changes: ChangeSet) => void;

export interface ProjectionHealth {
  projectionVersion: string;
  checkpoint: Position | null;
  eventsApplied: number;
  skipped: number;
  skippedEventIds: string[];
  /** Events the deciders never emit (see RegistryModel.irregularEvents). */
  irregularEvents: number;
  live: boolean;
  rebuilding: boolean;
  lastError: string | null;
}

/**
 * Keeps the registry model up to date with the store: a bulk catch-up (one assessment per incident),
 * then a live subscription from the checkpoint, folding each event synchronously as it arrives.
 */
export class ProjectionRunner {
  readonly projectionVersion = PROJECTION_VERSION;
  private current: RegistryModel;
  private subscription: Subscription | null = null;
  private loop: Promise<void> | null = null;
  private readonly listeners = new Set<ChangeListener>();
  private readonly waiters = new PositionWaiters((a, b) => this.store.comparePositions(a, b));
  private rebuilding: Promise<void> | null = null;
  private lastError: string | null = null;
  private stopped = false;
  private held: Promise<void> | null = null;

  /**
   * The models it builds are lean unless `fullModel`: no full audit entries (see AuditTrail) and no
   * statement texts (see TEXTS_IN_STORE); a caller reads those from the store when asked for.
   */
  constructor(
    private readonly store: EventStore,
    private readonly options: { policy?: PolicyConfig; model?: RegistryModel; fullModel?: boolean } = {},
  ) {
    this.current = options.model ?? this.newModel(options.policy);
  }

  private newModel(policy: PolicyConfig | undefined): RegistryModel {
    const full = this.options.fullModel ?? false;
    return createRegistryModel({ policy, keepAuditEntries: full, keepStatementTexts: full });
  }

  /** The live model: read it afresh for every query (a rebuild swaps it). */
  get model(): RegistryModel {
    return this.current;
  }

  get checkpoint(): Position | null {
    return this.current.checkpoint;
  }

  /** Catches up with the store, then follows it live. Resolves once caught up. */
  async start(): Promise<void> {
    if (this.loop) return;
    this.stopped = false;
    await this.catchUp(this.current);
    if (this.stopped) return;
    this.releaseWaiters();
    const subscription = this.store.subscribeToAll(
      this.current.checkpoint === null ? {} : { fromPosition: this.current.checkpoint },
    );
    this.subscription = subscription;
    this.loop = this.follow(subscription);
  }

  /** Listens to what each live event changed; returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves true once the model has folded the event at `position` (read-your-writes), or false after
   * `timeoutMs` or when the runner stops.
   */
  waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    const at = this.current.checkpoint;
    if (this.stopped && (at === null || this.store.comparePositions(at, position) < 0)) return Promise.resolve(false);
    return this.waiters.wait(position, at, timeoutMs);
  }

  /**
   * Holds live folding (new events wait in the subscription) until the returned function is called: a
   * read side that is late on purpose, for tests of what clients see then.
   */
  hold(): () => void {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    this.held = held;
    return () => {
      if (this.held === held) this.held = null;
      release();
    };
  }

  /** Rebuilds a fresh model from the start of the store and swaps it in once it has caught up. */
  rebuild(): Promise<void> {
    this.rebuilding ??= this.rebuildNow().finally(() => (this.rebuilding = null));
    return this.rebuilding;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.close();
    await this.loop;
    this.loop = null;
    this.waiters.releaseAll();
  }

  health(): ProjectionHealth {
    const m = this.current;
    return {
      projectionVersion: this.projectionVersion,
      checkpoint: m.checkpoint,
      eventsApplied: m.eventsApplied,
      skipped: m.skipped,
      skippedEventIds: [...m.skippedEventIds],
      irregularEvents: m.irregularEvents,
      live: this.subscription !== null,
      rebuilding: this.rebuilding !== null,
      lastError: this.lastError,
    };
  }

  private async rebuildNow(): Promise<void> {
    const fresh = this.newModel(this.options.policy ?? this.current.policy);
    await this.catchUp(fresh);
    // The live model may have moved on while we read: read on until the fresh one is level with it.
    while (
      this.current.checkpoint !== null &&
      (fresh.checkpoint === null || this.store.comparePositions(fresh.checkpoint, this.current.checkpoint) < 0)
    ) {
      await this.catchUp(fresh);
    }
    // No await between the last check and the swap: the live loop cannot slip an event in between.
    this.current = fresh;
    this.releaseWaiters();
  }

  /** Bulk catch-up: folds everything after the model's checkpoint, assessing each incident once. */
  private async catchUp(model: RegistryModel): Promise<void> {
    const deferred = model.deferAssessments;
    model.deferAssessments = true;
    try {
      const pause = loopYielder();
      for (;;) {
        let read = 0;
        const from = model.checkpoint;
        // A whole page folds synchronously: one await per page, none per event; now and then a turn of the
        // event loop, so that the service answers (health, UNAVAILABLE) while it catches up.
        for await (const page of this.store.readAllBatches(from === null ? {} : { fromPosition: from })) {
          for (let i = 0; i < page.length; i++) foldRegistry(model, page[i]);
          read += page.length;
          const turn = pause();
          if (turn) await turn;
          if (this.stopped) return;
        }
        if (read === 0) break;
      }
    } finally {
      settleRegistry(model);
      model.deferAssessments = deferred;
    }
  }

  private async follow(subscription: Subscription): Promise<void> {
    try {
      for await (const stored of subscription) {
        while (this.held) await this.held;
        const model = this.current;
        // After a rebuild swap the fresh model may already hold events the subscription still delivers.
        if (model.checkpoint !== null && this.store.comparePositions(stored.position, model.checkpoint) <= 0) continue;
        // What changed is built only for a listener (the subscriptions hear the projection file, not the model).
        if (this.listeners.size === 0) foldRegistry(model, stored);
        else this.tell(evolveRegistry(model, stored));
        this.releaseWaiters();
      }
      // Ended without an error and without stop(): not live any more, whatever the store meant by it.
      if (!this.stopped) this.dropSubscription(subscription, 'subscription ended without an error');
    } catch (error) {
      this.dropSubscription(subscription, `subscription failed: ${String(error)}`);
    }
  }

  private tell(changes: ChangeSet): void {
    for (const listener of this.listeners) {
      try {
        listener(changes);
      } catch (error) {
        this.lastError = `change listener failed: ${String(error)}`;
      }
    }
  }

  /** Reports the projection not live, so that start() (the read model's supervisor) resumes from the checkpoint. */
  private dropSubscription(subscription: Subscription, reason: string): void {
    this.lastError = reason;
    if (this.subscription === subscription) {
      this.subscription = null;
      this.loop = null;
    }
  }

  private releaseWaiters(): void {
    this.waiters.release(this.current.checkpoint);
  }
}
