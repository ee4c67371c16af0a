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

/** Streams the log as NDJSON (to a file or stdout), gathering the evidence manifest on the way; returns the count. */
export async function writeEventLog(
  store: EventStore,
  out: string | undefined,
  manifest: EvidenceManifest,
): Promise<number> {
  const target: NodeJS.WritableStream = out ? fs.createWriteStream(out) : process.stdout;
  let count = 0;
  for await (const batch of store.readAllBatches()) {
    let chunk = '';
    for (const stored of batch) {
      chunk += `${eventLine(stored)}\n`;
      manifest.add(stored);
      count++;
    }
    if (!target.write(chunk)) await new Promise<void>((resolve) => target.once('drain', () => resolve()));
  }
  if (out)
    await new Promise<void>((resolve, reject) =>
      (target as fs.WriteStream).end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  return count;
}
