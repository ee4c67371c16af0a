import type { EventStore } from '@app/event-store';
import { Gauge } from 'prom-client';
import type { ReadStoreService } from '../read-store/read-store.service';
import type { RegistryMetrics } from './registry-metrics';

/** Lag is counted up to this many events per scrape (a rebuild from zero reads no more than this). */
export const LAG_COUNT_CAP = 10_000;

/**
 * Gauges read from this instance's projection file when Prometheus scrapes: how far it is behind the store (events
 * not yet folded, counted up to LAG_COUNT_CAP, and the age of the oldest of them), events folded, events skipped
 * (unreadable), and whether it serves (caught up and following the store live).
 */
export function registerProjectionMetrics(metrics: RegistryMetrics, file: ReadStoreService, store: EventStore): void {
  const registers = [metrics.registry];
  // One read of the store serves both lag gauges, whichever prom-client collects first.
  const collect = () => collectLag();
  const lagEvents = new Gauge({
    name: 'registry_projection_lag_events',
    help: `Events in the store not yet in the projection file (counted up to ${LAG_COUNT_CAP})`,
    registers,
    collect,
  });
  const lagSeconds = new Gauge({
    name: 'registry_projection_lag_seconds',
    help: 'Age of the oldest event not yet in the projection file (0 when caught up)',
    registers,
    collect,
  });
  let lagReading: Promise<void> | null = null;
  const readLag = async () => {
    const checkpoint = file.snapshot().checkpoint?.position ?? null;
    let count = 0;
    let oldest: Date | undefined;
    for await (const batch of store.readAllBatches({
      ...(checkpoint === null ? {} : { fromPosition: checkpoint }),
      maxCount: LAG_COUNT_CAP,
    })) {
      oldest ??= batch[0].recordedAt;
      count += batch.length;
    }
    lagEvents.set(count);
    lagSeconds.set(oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0);
  };
  // An unreachable store makes them NaN (registry_projection_live and /health/ready say why).
  const collectLag = async () => {
    lagReading ??= readLag()
      .catch(() => {
        lagEvents.set(Number.NaN);
        lagSeconds.set(Number.NaN);
      })
      .finally(() => {
        lagReading = null;
      });
    await lagReading;
  };
  new Gauge({
    name: 'registry_projection_events_applied',
    help: 'Events folded into the projection file since it was built',
    registers,
    collect() {
      this.set(file.snapshot().checkpoint?.seq ?? 0);
    },
  });
  new Gauge({
    name: 'registry_projection_skipped_events',
    help: 'Events the projection could not read and skipped (ids on /health/ready)',
    registers,
    collect() {
      this.set(file.snapshot().checkpoint?.skipped ?? 0);
    },
  });
  new Gauge({
    name: 'registry_projection_live',
    help: '1 while the projection file has caught up and follows the store live',
    registers,
    collect() {
      this.set(file.snapshot().serving ? 1 : 0);
    },
  });
}
