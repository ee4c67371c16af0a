/** Rebuilding the projection file (libs/read-store) from the store, as an instance does for a missing file. */
import type { EventStore } from '@app/event-store';
import { rebuildReadStore } from '@app/read-store';

/**
 * Folds every event into a new file beside PROJECTIONS_DB and moves it over the old one (atomic): a crash
 * leaves the old file or the new one. Null for an in-memory file (there is nothing to keep).
 */
export async function rebuildProjectionFile(path: string, store: EventStore) {
  if (path === ':memory:') return null;
  const started = Date.now();
  const report = await rebuildReadStore(path, store);
  return {
    path,
    version: report.version,
    checkpoint: report.position,
    eventsFolded: report.seq,
    skipped: report.skipped,
    durationMs: Date.now() - started,
  };
}
