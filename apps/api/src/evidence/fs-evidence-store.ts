import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { StoreUnavailableError } from '@app/event-store';
import { CONTENT_FOLDER, evidenceFilePath, INCOMING_FOLDER } from './evidence-layout';
import { EvidenceStore, FileTooLargeError, type StagedFile } from './evidence-store.port';
import { HEAD_BYTES } from './media-types';

/** Leftovers of a crash mid-upload older than this are removed at start (younger ones may be another instance's). */
const STALE_INCOMING_MS = 3600_000;

/** Makes a rename or link durable: the directory entry, not only the file's bytes, must reach the disk. */
async function syncDir(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function removeQuietly(file: string): Promise<void> {
  await fs.promises.rm(file, { force: true });
}

/**
 * Into place without ever replacing: a hard link fails when the name exists, atomically. Where links
 * are not supported, a rename guarded by an existence check (the name is the content, so a racing
 * writer would bring the same bytes).
 */
async function placeOnce(temporary: string, destination: string): Promise<boolean> {
  try {
    await fs.promises.link(temporary, destination);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
  }
  if (fs.existsSync(destination)) return false;
  await fs.promises.rename(temporary, destination);
  return true;
}

/** The filesystem adapter: `<dir>/sha256/ab/cd/<hash>`, uploads received in `<dir>/tmp`. */
export class FsEvidenceStore extends EvidenceStore {
  private readonly incoming: string;

  constructor(private readonly dir: string) {
    super();
    this.incoming = path.join(dir, INCOMING_FOLDER);
    try {
      fs.mkdirSync(path.join(dir, CONTENT_FOLDER), { recursive: true });
      fs.mkdirSync(this.incoming, { recursive: true });
      fs.accessSync(this.incoming, fs.constants.W_OK);
      this.sweepIncoming();
    } catch (error) {
      const why = (error as Error).message;
      throw new StoreUnavailableError(`Cannot use the evidence folder '${dir}' (set EVIDENCE_DIR): ${why}`);
    }
  }

  async stage(source: AsyncIterable<Buffer>, maxBytes: number): Promise<StagedFile> {
    const temporary = path.join(this.incoming, `${randomUUID()}.part`);
    const handle = await fs.promises.open(temporary, 'wx', 0o600);
    const hash = createHash('sha256');
    const headChunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > maxBytes) throw new FileTooLargeError(maxBytes);
        if (size - chunk.length < HEAD_BYTES) headChunks.push(chunk);
        hash.update(chunk);
        await handle.write(chunk);
      }
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => undefined);
      await removeQuietly(temporary);
      throw error;
    }
    await handle.close();
    return this.staged(temporary, hash.digest('hex'), size, Buffer.concat(headChunks).subarray(0, HEAD_BYTES));
  }

  private staged(temporary: string, sha256: string, size: number, head: Buffer): StagedFile {
    return {
      sha256,
      size,
      head,
      commit: async () => {
        try {
          const destination = evidenceFilePath(this.dir, sha256);
          const folder = path.dirname(destination);
          await fs.promises.mkdir(folder, { recursive: true });
          // Read-only from the start: the store never rewrites a file.
          await fs.promises.chmod(temporary, 0o440);
          const placed = await placeOnce(temporary, destination);
          if (placed) {
            await syncDir(folder);
            await syncDir(path.dirname(folder));
            await syncDir(path.dirname(path.dirname(folder)));
          }
          return placed;
        } finally {
          await removeQuietly(temporary);
        }
      },
      discard: () => removeQuietly(temporary),
    };
  }

  async size(sha256: string): Promise<number | null> {
    try {
      const stat = await fs.promises.stat(evidenceFilePath(this.dir, sha256));
      return stat.isFile() ? stat.size : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  read(sha256: string): Readable {
    return fs.createReadStream(evidenceFilePath(this.dir, sha256));
  }

  private sweepIncoming(): void {
    const now = Date.now();
    for (const name of fs.readdirSync(this.incoming)) {
      const file = path.join(this.incoming, name);
      try {
        if (now - fs.statSync(file).mtimeMs > STALE_INCOMING_MS) fs.rmSync(file, { force: true });
      } catch {
        // Gone meanwhile (another instance swept it): nothing to do.
      }
    }
  }
}
