import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EventStore, StoreUnavailableError, type StoredEvent } from '@app/event-store';
import { statementStream } from '@app/domain';
import {
  type AuditEntry, type ChangeSet, type Clock, incidentHistory, ProjectionRunner, type RegistryModel, type StatementTexts,
  statementTextsOf,
} from '@app/projections';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { ApiError, ErrorCode } from '../graphql/error-codes';
import { ModelsAt } from './model-at';

const SUPERVISE_EVERY_MS = 2000;

/**
 * This instance's read model: the registry projection, caught up on start and kept live by the
 * catch-up subscription. Mutations wait here until their own write is visible (read-your-writes).
 */
@Injectable()
export class ReadModelService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ReadModel');
  private readonly runner: ProjectionRunner;
  private readonly modelsAt: ModelsAt;
  private caughtUp = false;
  private restarting = false;
  private supervisor?: NodeJS.Timeout;

  constructor(@Inject(EventStore) private readonly store: EventStore, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.runner = new ProjectionRunner(store);
    this.modelsAt = new ModelsAt(store);
  }

  /**
   * Catches up before the service starts listening. If the store cannot be reached (KurrentDB down), the
   * service starts anyway, reports not ready, and keeps retrying in the background until it recovers.
   */
  async onModuleInit(): Promise<void> {
    await this.startRunner();
    this.supervisor = setInterval(() => void this.superviseRunner(), SUPERVISE_EVERY_MS);
    this.supervisor.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.supervisor);
    await this.runner.stop();
  }

  private async startRunner(): Promise<void> {
    const started = Date.now();
    try {
      await this.runner.start();
      this.caughtUp = true;
      this.logger.log(`caught up: ${this.runner.model.eventsApplied} events in ${Date.now() - started} ms`);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.logger.warn(`event store unavailable, retrying in the background: ${error.message}`);
    }
  }

  /** Restarts the projection (from its checkpoint) when the store was unreachable or its subscription failed. */
  private async superviseRunner(): Promise<void> {
    if (this.restarting || this.runner.health().live) return;
    this.restarting = true;
    try {
      await this.startRunner();
    } finally {
      this.restarting = false;
    }
  }

  /** The live model; UNAVAILABLE until the first catch-up has succeeded (an empty model would mislead). */
  get model(): RegistryModel {
    if (!this.caughtUp) throw new ApiError(ErrorCode.UNAVAILABLE, 'The registry is starting: its event store cannot be reached yet.');
    return this.runner.model;
  }

  /** Waits until this instance's model shows the write at `position`; logs (and goes on) after the timeout. */
  async waitFor(position: string): Promise<void> {
    const reached = await this.runner.waitFor(position, this.config.readYourWritesTimeoutMs);
    if (!reached) this.logger.warn(`read model did not reach ${position} within ${this.config.readYourWritesTimeoutMs} ms`);
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

  /**
   * The model a report reads as of `asOf` on `clock`: derived from the live model (the same answers as a
   * replay, without reading the store); the live model when `asOf` is absent.
   */
  async reportModelAt(asOf?: Date | null, clock: Clock = 'KNOWN'): Promise<RegistryModel> {
    if (asOf === undefined || asOf === null) return this.model;
    return this.modelsAt.derivedAt({ clock, at: asOf }, this.model);
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
    const events: StoredEvent[] = [];
    for await (const stored of this.store.readStream(statementStream(id))) events.push(stored);
    return statementTextsOf(events);
  }

  /** Rebuilds from the start of the store (a new policy or projection version is just this). */
  async rebuild(): Promise<void> {
    await this.runner.rebuild();
    this.modelsAt.clear();
  }

  /** Whether the store answers and the projection follows it live. */
  async ready(): Promise<{ store: boolean; storeError: string | null; projection: ReturnType<ProjectionRunner['health']> }> {
    const projection = this.runner.health();
    try {
      await this.store.ping();
      return { store: true, storeError: null, projection };
    } catch (error) {
      return { store: false, storeError: (error as Error).message, projection };
    }
  }

  onChange(listener: (change: ChangeSet) => void): () => void {
    return this.runner.onChange(listener);
  }

  idempotentResult(key: string): { inputHash: string; stream: string; position: string } | undefined {
    return this.runner.model.idempotency.get(key);
  }
}
