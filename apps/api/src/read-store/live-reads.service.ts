import { Inject, Injectable, Optional } from '@nestjs/common';
import { liveIncident, type LiveIncident, type ReadStore } from '@app/read-store';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { ReadModelService } from '../read-model/read-model.service';
import { ReadStoreService } from './read-store.service';

/**
 * The questions about now, answered from the projection file's live rows: the assessment and history the fold
 * stored, never the policy run on a read. A read waits until the file shows every event the live model shows
 * (read-your-writes), and answers null when the file is not serving or has not caught up within the
 * read-your-writes timeout: the caller asks the in-memory model then.
 */
@Injectable()
export class LiveReads {
  constructor(
    private readonly readModel: ReadModelService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    /** The projection file, when this context keeps one (the service does; the CLI does not). */
    @Optional() @Inject(ReadStoreService) private readonly file: ReadStoreService | null = null,
  ) {}

  /**
   * The incident `id` resolves to now (`incident` null: none), with its corroborations when `withCorroborations`;
   * null when the file cannot answer.
   */
  incident(id: string, withCorroborations: boolean): Promise<{ incident: LiveIncident | null } | null> {
    return this.fromFile((file) => ({ incident: liveIncident(file.db, id, file.policy, withCorroborations) }));
  }

  private async fromFile<T>(read: (file: ReadStore) => T): Promise<T | null> {
    if (this.file === null) return null;
    const { checkpoint } = this.readModel.model;
    return this.file.readCaughtUp(checkpoint, this.config.readYourWritesTimeoutMs, read);
  }
}
