import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { statementStream } from '@app/domain';
import { EventStore, StoreUnavailableError, type StoreLag, type StoredEvent } from '@app/event-store';
import {
  type AuditEntry,
  type Clock,
  incidentHistory,
  ProjectionRunner,
  type ProjectionHealth,
  type RegistryModel,
  type StatementTexts,
  statementTextsOf,
} from '@app/projections';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { ApiError, ErrorCode } from '../graphql/error-codes';
import { ModelsAt } from './model-at';
import { ReplayGate } from './replay-gate';

const SUPERVISE_EVERY_MS = 2000;
/** Lag beyond this is reported as "at least" (a count costs time in proportion to what it counts). */
const LAG_CAP = 10_000_000;

export interface ProjectionReadiness {
  /** Caught up (the first catch-up done), following the store live, and not rebuilding. */
  ready: boolean;
  /** The first catch-up has finished: queries are answered. */
  caughtUp: boolean;
  projection: ProjectionHealth;
  /** Events between the projection's checkpoint and the store's head; null when the store cannot say. */
  lag: ({ checkpoint: string | null } & StoreLag) | null;
  lagError?: string;
}

/**
 * This instance's read model: the registry projection, caught up in the background once the service
 * listens (queries answer UNAVAILABLE until then) and kept live by the catch-up subscription. Mutations
 * wait here until their own write is visible (read-your-writes).
 */
@Injectable()
export class ReadModelService implements OnApplicationShutdown {
  private readonly logger = new Logger('ReadModel');
  private readonly runner: ProjectionRunner;
  private readonly modelsAt: ModelsAt;
  private caughtUp = false;
  private starting: Promise<void> | null = null;
  private shuttingDown = false;
  private storeUnreachable: string | null = null;
  private supervisor?: NodeJS.Timeout;

  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.runner = new ProjectionRunner(store);
    this.modelsAt = new ModelsAt(store, new ReplayGate(config.maxConcurrentReplays, config.maxQueuedReplays));
  }

  async onApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    clearInterval(this.supervisor);
    await this.runner.stop();
    await this.starting;
  }

  /**
   * Starts the catch-up, and the supervisor that restarts it after a failure (the store unreachable, the
   * subscription broken). main.ts calls it once the server listens, so that the catch-up neither delays
   * listening nor competes with the start-up's many event-loop turns. Resolves once caught up (or failed:
   * the supervisor retries in the background). Calling it again is harmless.
   */
  start(): Promise<void> {
    if (this.supervisor === undefined && !this.shuttingDown) {
      this.supervisor = setInterval(() => void this.superviseRunner(), SUPERVISE_EVERY_MS);
      this.supervisor.unref();
    }
    return this.startOnce();
  }

  /** One start at a time: the first one, or the supervisor's restart after a failure. */
  private startOnce(): Promise<void> {
    this.starting ??= this.startRunner().finally(() => (this.starting = null));
    return this.starting;
  }

  private async startRunner(): Promise<void> {
    const started = Date.now();
    try {
      await this.runner.start();
      if (this.shuttingDown) return;
      this.storeUnreachable = null;
      if (!this.caughtUp) {
        // The overview and the reports, asked first, are answered from the projection file, which prepares them.
        this.logger.log(`caught up: ${this.runner.model.eventsApplied} events in ${Date.now() - started} ms`);
      }
      this.caughtUp = true;
    } catch (error) {
      // Nothing may escape: this runs in the background, and a rejection would end the process.
      if (this.shuttingDown) return;
      this.storeUnreachable = (error as Error).message;
      if (error instanceof StoreUnavailableError)
        this.logger.warn(`event store unavailable, retrying in the background: ${error.message}`);
      else this.logger.error(`catch-up failed, retrying in the background: ${(error as Error).stack ?? String(error)}`);
    }
  }

  /** Restarts the projection (from its checkpoint) when the store was unreachable or its subscription failed. */
  private async superviseRunner(): Promise<void> {
    if (this.starting || this.shuttingDown || this.runner.health().live) return;
    await this.startOnce();
  }

  /** The live model; UNAVAILABLE until the first catch-up has succeeded (an empty model would mislead). */
  get model(): RegistryModel {
    if (!this.caughtUp) {
      throw new ApiError(
        ErrorCode.UNAVAILABLE,
        this.storeUnreachable === null
          ? 'The registry is starting: its read model is catching up with the event store ' +
              `(${this.runner.model.eventsApplied} events so far); retry shortly.`
          : 'The registry is starting: its event store cannot be reached yet.',
        { retryable: true },
      );
    }
    return this.runner.model;
  }

  /**
   * Waits until this instance's model shows the write at `position`; false after the timeout (the mutation
   * then answers from the write itself: see AnswersAfterWrites).
   */
  async waitFor(position: string): Promise<boolean> {
    const reached = await this.runner.waitFor(position, this.config.readYourWritesTimeoutMs);
    if (!reached)
      this.logger.warn(`read model did not reach ${position} within ${this.config.readYourWritesTimeoutMs} ms`);
    return reached;
  }

  health() {
    return this.runner.health();
  }

  /**
   * The model as of `asOf` on `clock` (RECORDED: what the registry showed; KNOWN: what was publicly known),
   * replayed from the store; the live model when `asOf` is absent.
   */
  async modelAt(asOf?: Date | null, clock: Clock = 'RECORDED'): Promise<RegistryModel> {
    if (asOf === undefined || asOf === null) return this.model;
    return this.modelsAt.at({ clock, at: asOf }, this.model);
  }

  /** One incident as of `asOf` on `clock`, replayed from its own streams only; the live model without `asOf`. */
  async incidentModelAt(id: string, asOf?: Date | null, clock: Clock = 'RECORDED'): Promise<RegistryModel> {
    if (asOf === undefined || asOf === null) return this.model;
    return this.modelsAt.incidentAt(id, { clock, at: asOf }, this.model);
  }

  /**
   * The audit trail of an incident (with its merged duplicates' events), oldest first, from `model` when it
   * keeps audit entries (one-incident replays do), else replayed from the incident's streams up to the
   * model's cut (the live model and full time-travel replays keep only event ids and dates); null when
   * there is no such incident.
   */
  async history(id: string, model: RegistryModel = this.model): Promise<AuditEntry[] | null> {
    if (model.keepAuditEntries) return incidentHistory(model, id);
    return this.modelsAt.historyOf(id, this.model, this.modelsAt.cutOf(model));
  }

  /** A statement's quote and citation as last corrected, read from its stream (the live model leaves them there). */
  async statementTexts(id: string): Promise<StatementTexts | null> {
    return statementTextsOf(await this.statementEvents(id));
  }

  /** A statement's stream (its words, and which fields each correction changed, are only there). */
  async statementEvents(id: string): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for await (const stored of this.store.readStream(statementStream(id))) events.push(stored);
    return events;
  }

  /** Rebuilds from the start of the store (a new policy or projection version is just this). */
  async rebuild(): Promise<void> {
    await this.runner.rebuild();
    this.modelsAt.clear();
  }

  /** Whether queries are answered and follow the store live, and how far behind the store the projection is. */
  async projectionReadiness(): Promise<ProjectionReadiness> {
    const projection = this.runner.health();
    const ready = this.caughtUp && projection.live && !projection.rebuilding;
    try {
      const lag = { checkpoint: projection.checkpoint, ...(await this.store.lagAfter(projection.checkpoint, LAG_CAP)) };
      return { ready, caughtUp: this.caughtUp, projection, lag };
    } catch (error) {
      return { ready, caughtUp: this.caughtUp, projection, lag: null, lagError: (error as Error).message };
    }
  }

  /** Holds live folding until the returned function is called (see ProjectionRunner.hold): for tests. */
  holdLiveFolding(): () => void {
    return this.runner.hold();
  }

  idempotentResult(key: string): { inputHash: string; stream: string; position: string } | undefined {
    return this.runner.model.idempotency.get(key);
  }
}
