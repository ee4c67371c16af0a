import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { EvidenceFileRef } from '@app/domain';
import { CONTENT_FOLDER, evidenceFilePath, SHA256_HEX } from './evidence-layout';

/**
 * Chain-of-custody checks over an evidence folder, for the CLI (`verify`, export, backup): no Nest, no
 * service running. The store names each file by its SHA-256, so a check is a re-hash.
 */

export interface CustodyMismatch {
  sha256: string;
  path: string;
  actualSha256: string;
  size: number;
}
export interface CustodyReport {
  /** Files re-hashed. */
  checked: number;
  /** Files whose bytes still hash to their name. */
  ok: number;
  /** Files whose bytes changed since they were stored. */
  mismatches: CustodyMismatch[];
  /** Hashes expected (cited by events) that the folder does not hold. */
  missing: { sha256: string; path: string }[];
  /** Entries under sha256/ that are not where a stored file would be (a foreign or misplaced file). */
  strays: string[];
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

async function entries(dir: string): Promise<fs.Dirent[]> {
  try {
    return await fs.promises.readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Every regular file under `<dir>/sha256/`, three levels down or not. */
async function* storedFiles(root: string, depth = 0): AsyncGenerator<{ file: string; depth: number }> {
  for (const entry of await entries(root)) {
    const file = path.join(root, entry.name);
    if (entry.isDirectory()) yield* storedFiles(file, depth + 1);
    else yield { file, depth };
  }
}

/**
 * Re-hashes every stored file under `dir` (EVIDENCE_DIR) and compares with its name. `expected` (the
 * hashes events cite, e.g. from evidenceManifest) adds the check that each is still there.
 */
export async function verifyEvidenceFiles(
  dir: string,
  expected: Iterable<string | { sha256: string }> = [],
): Promise<CustodyReport> {
  const report: CustodyReport = { checked: 0, ok: 0, mismatches: [], missing: [], strays: [] };
  const held = new Set<string>();
  for await (const { file, depth } of storedFiles(path.join(dir, CONTENT_FOLDER))) {
    const name = path.basename(file);
    if (depth !== 2 || !SHA256_HEX.test(name) || evidenceFilePath(dir, name) !== file) {
      report.strays.push(file);
      continue;
    }
    held.add(name);
    report.checked++;
    const actual = await sha256OfFile(file);
    if (actual === name) report.ok++;
    else {
      const { size } = await fs.promises.stat(file);
      report.mismatches.push({ sha256: name, path: file, actualSha256: actual, size });
    }
  }
  for (const item of expected) {
    const sha256 = typeof item === 'string' ? item : item.sha256;
    if (!held.has(sha256) && !report.missing.some((m) => m.sha256 === sha256)) {
      report.missing.push({ sha256, path: SHA256_HEX.test(sha256) ? evidenceFilePath(dir, sha256) : sha256 });
    }
  }
  return report;
}

/** One stored file as an export lists it: what it is and which events cite it. */
export interface ManifestEntry {
  sha256: string;
  size: number;
  mediaType: string;
  originalName: string;
  /** The events citing it, in store order. */
  eventIds: string[];
}

const isFileRef = (value: unknown): value is EvidenceFileRef =>
  typeof value === 'object' && value !== null && typeof (value as EvidenceFileRef).sha256 === 'string';

/** The file references inside any `citation` or `citations` of an event's data, at any depth. */
function citedFiles(value: unknown, inCitation: boolean, out: EvidenceFileRef[]): void {
  if (Array.isArray(value)) {
    for (const item of value) citedFiles(item, inCitation, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (inCitation && key === 'files' && Array.isArray(item)) out.push(...item.filter(isFileRef));
      else citedFiles(item, inCitation || key === 'citation' || key === 'citations', out);
    }
  }
}

/** Builds a manifest event by event (the CLI reads the store in pages). */
export class EvidenceManifest {
  private readonly files = new Map<string, ManifestEntry>();

  add(event: { id: string; data: unknown }): void {
    const refs: EvidenceFileRef[] = [];
    citedFiles(event.data, false, refs);
    for (const ref of refs) {
      let entry = this.files.get(ref.sha256);
      if (!entry) {
        const { sha256, size, mediaType, originalName } = ref;
        this.files.set(sha256, (entry = { sha256, size, mediaType, originalName, eventIds: [] }));
      }
      if (!entry.eventIds.includes(event.id)) entry.eventIds.push(event.id);
    }
  }

  /** Every distinct file cited, in order of first citation. */
  entries(): ManifestEntry[] {
    return [...this.files.values()];
  }
}

/** Every distinct stored file any event cites, with its size, type and the ids of the events citing it. */
export function evidenceManifest(events: Iterable<{ id: string; data: unknown }>): ManifestEntry[] {
  const manifest = new EvidenceManifest();
  for (const event of events) manifest.add(event);
  return manifest.entries();
}
