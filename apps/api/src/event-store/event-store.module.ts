import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { EventStore, kurrentDb, openSqliteEventStore } from '@app/event-store';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { RegistryMetrics } from '../metrics/registry-metrics';

/** Provides the one EventStore the configuration names; closes it on shutdown (flushing group commits). */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  private readonly logger = new Logger('EventStore');
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  static forRoot(): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EventStore,
          // Optional: the command line opens the store without the service's metrics.
          inject: [APP_CONFIG, { token: RegistryMetrics, optional: true }],
          useFactory: async (config: AppConfig, metrics?: RegistryMetrics): Promise<EventStore> =>
            config.eventStore === 'kurrentdb'
              ? kurrentDb().KurrentDbEventStore.fromConnectionString(config.kurrentdbConnectionString!)
              : openSqliteEventStore(config.sqlitePath, {
                  synchronous: config.sqliteSynchronous,
                  onCommit: metrics?.observeCommit,
                }),
        },
      ],
      exports: [EventStore],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.logger.log('event store closed');
  }
}
