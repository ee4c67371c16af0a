import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from './auth/auth.module';
import { GraphQLModule } from '@nestjs/graphql';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { EventStoreModule } from './event-store/event-store.module';
import { graphqlOptions } from './graphql/graphql.config';
import './graphql/enums';
import { IncidentsModule } from './incidents/incidents.module';
import { InvestigationsModule } from './investigations/investigations.module';
import { StatementsModule } from './statements/statements.module';
import { SituationsModule } from './situations/situations.module';
import { SourcesModule } from './sources/sources.module';
import { QueriesModule } from './queries/queries.module';
import { ReadStoreModule } from './read-store/read-store.module';
import { EvidenceModule } from './evidence/evidence.module';
import { LoggingModule } from './logging/logging.module';
import { GraphiqlModule } from './graphiql/graphiql.module';
import { GraphQLMetricsHooks } from './metrics/graphql-metrics.hooks';
import { MetricsModule } from './metrics/metrics.module';
import { RegistryMetrics } from './metrics/registry-metrics';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const metrics = new RegistryMetrics();
    const metricsHooks = new GraphQLMetricsHooks(metrics);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        MetricsModule.forRoot(metrics, metricsHooks),
        CqrsModule.forRoot(),
        EventStoreModule.forRoot(),
        AuthModule,
        ReadStoreModule,
        EvidenceModule,
        GraphQLModule.forRoot(graphqlOptions(config, metricsHooks)),
        SourcesModule,
        IncidentsModule,
        InvestigationsModule,
        StatementsModule,
        SituationsModule,
        QueriesModule,
        ...(config.production ? [] : [GraphiqlModule]),
      ],
    };
  }
}
