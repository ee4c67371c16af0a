import type { Readable } from 'node:stream';

/** An upload received in full and hashed, not yet in the store. */
export interface StagedFile {
  readonly sha256: string;
  readonly size: number;
  /** The first bytes (up to HEAD_BYTES), to detect the type from. */
  readonly head: Buffer;
  /** Puts it into the store under its hash; false when the store already held these bytes (kept as they were). */
  commit(): Promise<boolean>;
  /** Forgets it (a refused type). */
  discard(): Promise<void>;
}

/** The upload went over the configured limit: nothing was kept. */
export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than the limit of ${maxBytes} bytes`);
  }
}

/**
 * Evidence files stored by content (the port: the filesystem adapter today, an object store later).
 * Files are only ever added: nothing here overwrites or deletes a stored file.
 */
export abstract class EvidenceStore {
  /**
   * Receives `source` to a temporary place while hashing it. Refuses (FileTooLargeError) past `maxBytes`.
   * On any failure, a broken connection included, nothing is left behind.
   */
  abstract stage(source: AsyncIterable<Buffer>, maxBytes: number): Promise<StagedFile>;

  /** The stored file's size, or null when the store does not hold that hash. */
  abstract size(sha256: string): Promise<number | null>;

  /** The stored bytes; call only for a hash `size` found. */
  abstract read(sha256: string): Readable;
}
