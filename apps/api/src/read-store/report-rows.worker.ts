/**
 * A worker thread that reads from the projection file, through a read-only connection of its own, what the
 * service's first questions read and its event loop would otherwise spend seconds on: with `overview`, first the
 * overview without filters (a visitor's first look at the page), then the statement rows the speak-out report
 * scans (see report-rows.ts): 824,507 statements take seconds of one core.
 */
import { statSync } from 'node:fs';
import { serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { DEFAULT_POLICY } from '@app/domain';
import { FileStatementRows, liveMatchingOfFile } from '@app/read-store';
import type { ReportRowsWorkerData, ReportRowsWorkerMessage } from './report-rows-worker';

const { path, overview } = workerData as ReportRowsWorkerData;
const CORRECTED_PER_SLICE = 500;
const tell = (message: ReportRowsWorkerMessage, transfer: ArrayBuffer[] = []) =>
  parentPort!.postMessage(message, transfer);

try {
  // Taken before the file is opened: a file moved over it meanwhile gives another inode than the one read, never
  // the same one for another file's rows.
  const { ino } = statSync(path);
  if (overview) {
    try {
      // The service runs the default policy; it takes this only for a file assessed by the same version.
      const { seq, matched } = liveMatchingOfFile(path, DEFAULT_POLICY);
      if (matched !== null) tell({ type: 'overview', matched, seq, policyVersion: DEFAULT_POLICY.version, inode: ino });
    } catch {
      // The overview is the service's to read then: the rows may still be read.
    }
  }
  const { parts, transfer } = FileStatementRows.partsOfFile(path);
  // The corrected statements kept are many small objects where corrections change rows (16,786 of them, in one
  // message, took about 0.3 s of the service's event loop at once, while the first visitors' page loaded). Serialized
  // here in slices, moved as bytes, they are read there a slice per turn of its event loop (readRowsInWorker).
  const entries = [...parts.corrected];
  const corrected: ArrayBuffer[] = [];
  for (let i = 0; i < entries.length; i += CORRECTED_PER_SLICE) {
    const bytes = serialize(entries.slice(i, i + CORRECTED_PER_SLICE));
    corrected.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }
  tell({ type: 'loaded', parts: { ...parts, corrected: new Map() }, corrected, inode: ino }, [
    ...transfer,
    ...corrected,
  ]);
} catch (error) {
  tell({ type: 'failed', message: (error as Error).message ?? String(error) });
}
