import * as path from 'node:path';
import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@app/event-store';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { EvidenceCitations } from './evidence-citations';
import { UPLOAD_INDEX_FILE } from './evidence-layout';
import { EvidenceStore } from './evidence-store.port';
import { EvidenceService } from './evidence.service';
import { FsEvidenceStore } from './fs-evidence-store';
import { UploadIndex } from './upload-index';

/**
 * The stored files, their upload index and citations of them: what a command needs, with no HTTP side,
 * so that the CLI's writes check cited files exactly as the service's mutations do.
 */
@Global()
@Module({
  providers: [
    // After the event store (injected for the order only): a data directory that cannot be used is then
    // reported once, by the store.
    {
      provide: EvidenceStore,
      inject: [APP_CONFIG, EventStore],
      useFactory: (config: AppConfig) => new FsEvidenceStore(config.evidence.dir),
    },
    {
      provide: UploadIndex,
      inject: [APP_CONFIG, EventStore],
      useFactory: (config: AppConfig) => UploadIndex.open(path.join(config.evidence.dir, UPLOAD_INDEX_FILE)),
    },
    EvidenceService,
    EvidenceCitations,
  ],
  exports: [EvidenceCitations, EvidenceService],
})
export class EvidenceCoreModule implements OnApplicationShutdown {
  constructor(private readonly index: UploadIndex) {}

  onApplicationShutdown(): void {
    this.index.close();
  }
}
