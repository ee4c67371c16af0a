/** Rebuilding the projection file (libs/read-store) from the store, as an instance does for a missing file. */
import type { EventStore } from '@app/event-store';
import { ReadStore, rebuildReadStore } from '@app/read-store';
import { ProjectionFileLock } from '../../read-store/projection-file-lock';
import { CliError } from '../cli-support';

/**
 * Folds every event into a new file beside PROJECTIONS_DB and moves it over the old one (atomic): a crash
 * leaves the old file or the new one; then reports what the new file holds (its checkpoint, counts and the
 * events it could not read). Null for an in-memory file (there is nothing to keep). Refused while a running
 * service keeps the file (it holds its lock): that service rebuilds it itself (`rebuild --url`).
 */
export async function rebuildProjectionFile(path: string, store: EventStore) {
  if (path === ':memory:') return null;
  const lock = ProjectionFileLock.tryAcquire(path);
  if (lock === null) {
    throw new CliError(
      `a running service keeps ${path}: ask it to rebuild (rebuild --url http://host:port/graphql), or stop it first`,
    );
  }
  const started = Date.now();
  try {
    const report = await rebuildReadStore(path, store);
    const durationMs = Date.now() - started;
    const file = ReadStore.openFile(path);
    try {
      return {
        path,
        // The names the rebuildProjections mutation answers with (rebuild --url).
        projectionVersion: report.version,
        checkpoint: report.position,
        eventsApplied: report.seq,
        skipped: report.skipped,
        skippedEventIds: file.skippedEventIds(),
        ...file.counts(),
        durationMs,
      };
    } finally {
      file.close();
    }
  } finally {
    lock.release();
  }
}
