import type { Position, StoreLag } from '@app/event-store';
import type { Checkpoint } from '@app/read-store';

/** What /health/ready reports of the projection file (ReadStoreService.readiness). */
export interface ProjectionFileReadiness {
  /** Caught up and following the store live (a rebuild into a new file meanwhile does not stop it serving). */
  ready: boolean;
  /** The file's name (PROJECTIONS_DB's, or an alternate's beside it), not its directory: this answer is public. */
  file: string;
  /** The version this code builds (READ_STORE_VERSION and the policy's); a file of another one is rebuilt. */
  version: string;
  caughtUp: boolean;
  live: boolean;
  /** A rebuild into a new file is under way (a missing file, another version, or asked for). */
  rebuilding: boolean;
  /** Events the rebuild has read so far; null when not rebuilding. */
  rebuildRead: number | null;
  /** The open file's checkpoint (`seq`: events folded; `skipped`: those it could not read); null while none is open. */
  checkpoint: Checkpoint | null;
  /** The ids of the last events the fold could not read (an unknown type, a payload that fails its schema). */
  skippedEventIds: string[];
  /** Events between the file's checkpoint and the store's head; null when the store cannot say. */
  lag: ({ checkpoint: Position | null } & StoreLag) | null;
  lagError?: string;
  lastError: string | null;
}
