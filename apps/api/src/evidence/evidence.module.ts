import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { TokenStore } from '../auth/token-store';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { EvidenceCoreModule } from './evidence-core.module';
import {
  CitationFilesResolver,
  IncidentFilesResolver,
  InvestigationCitationsResolver,
} from './evidence-files.resolver';
import { registerEvidenceRoutes } from './evidence.routes';
import { EvidenceService } from './evidence.service';

/** Evidence files over HTTP and GraphQL: the REST routes and the files each citation and incident lists. */
@Module({
  imports: [EvidenceCoreModule],
  providers: [CitationFilesResolver, InvestigationCitationsResolver, IncidentFilesResolver],
})
export class EvidenceModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly service: EvidenceService,
    private readonly tokens: TokenStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    registerEvidenceRoutes(
      this.adapterHost.httpAdapter.getInstance<FastifyInstance>(),
      this.service,
      this.tokens,
      this.config,
    );
  }
}
