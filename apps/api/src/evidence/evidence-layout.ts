import * as path from 'node:path';

/**
 * Where a file lives under EVIDENCE_DIR: `sha256/<hash[0..2]>/<hash[2..4]>/<hash>`. The name is the
 * lower-case hex SHA-256 of the bytes, so checking a file is re-hashing it and comparing with its name.
 * Shared with the CLI (export, backup, verify): change it only with them.
 */
export const SHA256_HEX = /^[0-9a-f]{64}$/;
export const CONTENT_FOLDER = 'sha256';
/** Uploads in progress, on the same file system as the store so that moving one in is atomic. */
export const INCOMING_FOLDER = 'tmp';
/** The upload index (size, type, original name, uploader until a citation copies them into an event). */
export const UPLOAD_INDEX_FILE = 'uploads.db';

export function evidenceFilePath(dir: string, sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a lower-case hex SHA-256: ${sha256}`);
  return path.join(dir, CONTENT_FOLDER, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}
