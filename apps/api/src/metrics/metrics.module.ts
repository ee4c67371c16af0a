import { type DynamicModule, Global, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { EventStore } from '@app/event-store';
import type { FastifyInstance } from 'fastify';
import { ReadStoreService } from '../read-store/read-store.service';
import { GraphQLMetricsHooks } from './graphql-metrics.hooks';
import { MetricsController } from './metrics.controller';
import { registerProjectionMetrics } from './projection-metrics';
import { RegistryMetrics } from './registry-metrics';

/** Prometheus metrics (prom-client) at GET /metrics; RegistryMetrics is injectable everywhere. */
@Global()
@Module({})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly metrics: RegistryMetrics,
    private readonly hooks: GraphQLMetricsHooks,
    private readonly adapterHost: HttpAdapterHost,
    private readonly readStore: ReadStoreService,
    private readonly store: EventStore,
  ) {}

  /** The instruments are made before the modules (the GraphQL options and the store need them). */
  static forRoot(metrics: RegistryMetrics, hooks: GraphQLMetricsHooks): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [
        { provide: RegistryMetrics, useValue: metrics },
        { provide: GraphQLMetricsHooks, useValue: hooks },
      ],
      exports: [RegistryMetrics],
    };
  }

  onModuleInit(): void {
    registerProjectionMetrics(this.metrics, this.readStore, this.store);
    this.adapterHost.httpAdapter.getInstance<FastifyInstance>().addHook('onResponse', this.hooks.onResponse);
  }
}
