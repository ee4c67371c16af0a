import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EventStore } from '@app/event-store';
import { type ChangeSet, ProjectionRunner, type RegistryModel } from '@app/projections';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';

/**
 * This instance's read model: the registry projection, caught up on start and kept live by the
 * catch-up subscription. Mutations wait here until their own write is visible (read-your-writes).
 */
@Injectable()
export class ReadModelService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ReadModel');
  private readonly runner: ProjectionRunner;

  constructor(@Inject(EventStore) store: EventStore, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.runner = new ProjectionRunner(store);
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

  rebuild(): Promise<void> {
    return this.runner.rebuild();
  }

  onChange(listener: (change: ChangeSet) => void): () => void {
    return this.runner.onChange(listener);
  }

  idempotentResult(key: string): { inputHash: string; stream: string; position: string } | undefined {
    return (this.runner.model as { idempotency?: Map<string, { inputHash: string; stream: string; position: string }> }).idempotency?.get(key);
  }
}
