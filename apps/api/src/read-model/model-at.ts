import type { EventStore, StoredEvent } from '@app/event-store';
import { buildModel, type Cut, type RegistryModel, withinCut } from '@app/projections';

/** How many time-travel models are kept; each is a full registry, so only a few. */
const KEPT = 8;

/**
 * Registry models as of a cut, built by replaying `$all` up to it (buildModelAsOf, reading the store
 * asynchronously). The cost is one full read of the store per distinct cut: linear in its size.
 * Models are cached by cut and live checkpoint, so a page of queries at one date replays once, and a new
 * event (which moves the checkpoint) makes the cache miss instead of serving a stale replay.
 */
export class ModelsAt {
  private readonly cache = new Map<string, Promise<RegistryModel>>();

  constructor(private readonly store: EventStore) {}

  at(cut: Cut, live: RegistryModel): Promise<RegistryModel> {
    const key = `${cut.clock}|${cut.at.toISOString()}|${live.checkpoint ?? ''}`;
    let model = this.cache.get(key);
    if (model) {
      // Most recently used last.
      this.cache.delete(key);
      this.cache.set(key, model);
      return model;
    }
    model = this.replay(cut, live);
    this.cache.set(key, model);
    model.catch(() => this.cache.delete(key));
    while (this.cache.size > KEPT) this.cache.delete(this.cache.keys().next().value as string);
    return model;
  }

  clear(): void {
    this.cache.clear();
  }

  private async replay(cut: Cut, live: RegistryModel): Promise<RegistryModel> {
    const kept: StoredEvent[] = [];
    for await (const stored of this.store.readAll()) {
      if (withinCut(stored, cut)) kept.push(stored);
      // Never past what the live model shows, so that "now" and the live projection agree exactly.
      if (live.checkpoint !== null && this.store.comparePositions(stored.position, live.checkpoint) >= 0) break;
    }
    return buildModel(kept, { policy: live.policy });
  }
}
