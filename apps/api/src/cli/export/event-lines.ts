import * as fs from 'node:fs';
import type { EventStore, StoredEvent } from '@app/event-store';
import type { EvidenceManifest } from '../../evidence/evidence-custody';

/** One event as an NDJSON line: everything the store keeps, so that the file is a complete, ordered backup. */
export const eventLine = (e: StoredEvent): string =>
  JSON.stringify({
    id: e.id,
    stream: e.stream,
    revision: e.revision,
    position: e.position,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
    recordedAt: e.recordedAt.toISOString(),
  });

/** Writes a text to a file, or to stdout. */
export async function writeText(out: string | undefined, text: string): Promise<void> {
  if (out) fs.writeFileSync(out, text);
  else
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(text, (error) => (error ? reject(error) : resolve())),
    );
}

/** Writes text as it comes, to a file or stdout, waiting for the target to drain. */
export async function writeChunks(out: string | undefined, chunks: AsyncIterable<string>): Promise<void> {
  const target: NodeJS.WritableStream = out ? fs.createWriteStream(out) : process.stdout;
  for await (const chunk of chunks)
    if (!target.write(chunk)) await new Promise<void>((resolve) => target.once('drain', () => resolve()));
  if (out)
    await new Promise<void>((resolve, reject) =>
      (target as fs.WriteStream).end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
}

/** Streams the log as NDJSON (to a file or stdout), gathering the evidence manifest on the way; returns the count. */
export async function writeEventLog(
  store: EventStore,
  out: string | undefined,
  manifest: EvidenceManifest,
): Promise<number> {
  let count = 0;
  async function* lines(): AsyncGenerator<string> {
    for await (const batch of store.readAllBatches()) {
      let chunk = '';
      for (const stored of batch) {
        chunk += `${eventLine(stored)}\n`;
        manifest.add(stored);
        count++;
      }
      yield chunk;
    }
  }
  await writeChunks(out, lines());
  return count;
}
