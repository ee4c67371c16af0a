import * as path from 'node:path';
import { Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { TokenStore } from '../auth/token-store';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { EvidenceCitations } from './evidence-citations';
import {
  CitationFilesResolver, IncidentFilesResolver, InvestigationCitationsResolver,
} from './evidence-files.resolver';
import { UPLOAD_INDEX_FILE } from './evidence-layout';
import { EvidenceStore } from './evidence-store.port';
import { registerEvidenceRoutes } from './evidence.routes';
import { EvidenceService } from './evidence.service';
import { FsEvidenceStore } from './fs-evidence-store';
import { UploadIndex } from './upload-index';

/** Evidence files: the store, the upload index, the REST routes, and citations of stored files. */
@Global()
@Module({
  providers: [
    {
      provide: EvidenceStore, inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new FsEvidenceStore(config.evidence.dir),
    },
    {
      provide: UploadIndex, inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => UploadIndex.open(path.join(config.evidence.dir, UPLOAD_INDEX_FILE)),
    },
    EvidenceService,
    EvidenceCitations,
    CitationFilesResolver,
    InvestigationCitationsResolver,
    IncidentFilesResolver,
  ],
  exports: [EvidenceCitations, EvidenceService],
})
export class EvidenceModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly service: EvidenceService,
    private readonly tokens: TokenStore,
    private readonly index: UploadIndex,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // An application context without HTTP (a CLI) has no adapter: the routes are the server's only.
    const adapter = this.adapterHost.httpAdapter;
    if (adapter) registerEvidenceRoutes(adapter.getInstance<FastifyInstance>(), this.service, this.tokens, this.config);
  }

  onApplicationShutdown(): void {
    this.index.close();
  }
}
