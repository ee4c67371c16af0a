import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { EventStore } from '@app/event-store';
import { ReadStoreService } from '../read-store/read-store.service';

/** Up when the event store answers a ping (SQLite: the file is open; KurrentDB: the server answers a read). */
@Injectable()
export class StoreHealthIndicator {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check<const Key extends string>(key: Key) {
    const indicator = this.indicators.check(key);
    try {
      await this.store.ping();
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}

/**
 * Up when the projection file (ReadStoreService) has caught up and follows the store live (a rebuild into a new
 * file meanwhile does not stop it serving); carries its checkpoint, its lag in events and its rebuild state.
 */
@Injectable()
export class ProjectionFileHealthIndicator {
  constructor(
    private readonly readStore: ReadStoreService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check<const Key extends string>(key: Key) {
    const indicator = this.indicators.check(key);
    const { ready, ...data } = await this.readStore.readiness();
    return ready ? indicator.up(data) : indicator.down(data);
  }
}
