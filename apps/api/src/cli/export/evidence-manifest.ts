import type { StoredEvent } from '@app/event-store';

/** An evidence file as events cite it (contracts: EvidenceFileRef). */
export interface ManifestEntry {
  sha256: string;
  size: number;
  mediaType: string;
  originalNames: string[];
  citedBy: string[];
}

interface FileRef {
  sha256?: unknown;
  size?: unknown;
  mediaType?: unknown;
  originalName?: unknown;
}

/** Every `files` list under a `citation` or in a `citations` list, wherever the event carries one. */
function* citedFiles(value: unknown, inCitation = false): Generator<FileRef> {
  if (Array.isArray(value)) {
    for (const item of value) yield* citedFiles(item, inCitation);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (inCitation && key === 'files' && Array.isArray(child))
      yield* child.filter((f): f is FileRef => f !== null && typeof f === 'object');
    else yield* citedFiles(child, key === 'citation' || key === 'citations');
  }
}

/** Collects the manifest as the events are read: every distinct file with the ids of the events that cite it. */
export class EvidenceManifest {
  private readonly entries = new Map<string, ManifestEntry>();

  add(stored: StoredEvent): void {
    for (const file of citedFiles(stored.data)) {
      if (typeof file.sha256 !== 'string') continue;
      const hash = file.sha256.toLowerCase();
      let entry = this.entries.get(hash);
      if (!entry) {
        entry = {
          sha256: hash,
          size: Number(file.size),
          mediaType: String(file.mediaType ?? ''),
          originalNames: [],
          citedBy: [],
        };
        this.entries.set(hash, entry);
      }
      if (typeof file.originalName === 'string' && !entry.originalNames.includes(file.originalName))
        entry.originalNames.push(file.originalName);
      if (!entry.citedBy.includes(stored.id)) entry.citedBy.push(stored.id);
    }
  }

  get files(): ManifestEntry[] {
    return [...this.entries.values()];
  }
}
