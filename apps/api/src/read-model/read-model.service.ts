import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EventStore, type StoredEvent } from '@app/event-store';
import { statementStream } from '@app/domain';
import {
  type AuditEntry, type ChangeSet, type Clock, incidentHistory, ProjectionRunner, type RegistryModel, type StatementTexts,
  statementTextsOf,
} from '@app/projections';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { ModelsAt } from './model-at';

/**
 * This instance's read model: the registry projection, caught up on start and kept live by the
 * catch-up subscription. Mutations wait here until their own write is visible (read-your-writes).
 */
@Injectable()
export class ReadModelService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ReadModel');
  private readonly runner: ProjectionRunner;
  private readonly modelsAt: ModelsAt;

  constructor(@Inject(EventStore) private readonly store: EventStore, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.runner = new ProjectionRunner(store);
    this.modelsAt = new ModelsAt(store);
  }

  async onModuleInit(): Promise<void> {
    const started = Date.now();
    await this.runner.start();
    this.logger.log(`caught up: ${this.runner.model.eventsApplied} events in ${Date.now() - started} ms`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }

  get model(): RegistryModel {
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

  /** One incident as of `asOf` on `clock`, replayed from its own streams only; the live model without `asOf`. */
  async incidentModelAt(id: string, asOf?: Date | null, clock: Clock = 'RECORDED'): Promise<RegistryModel> {
    if (asOf === undefined || asOf === null) return this.model;
    return this.modelsAt.incidentAt(id, { clock, at: asOf }, this.model);
  }

  /**
   * The audit trail of an incident (with its merged duplicates' events), oldest first, from `model` when it
   * keeps audit entries (time-travel replays do), else replayed from the incident's streams (the live
   * model keeps only event ids and dates); null when there is no such incident.
   */
  async history(id: string, model: RegistryModel = this.model): Promise<AuditEntry[] | null> {
    if (model.keepAuditEntries) return incidentHistory(model, id);
    return this.modelsAt.historyOf(id, model);
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
    return (this.runner.model as { idempotency?: Map<string, { inputHash: string; stream: string; position: string }> }).idempotency?.get(key);
  }
}
