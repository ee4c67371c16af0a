import * as fs from 'node:fs';
import * as path from 'node:path';
import { deserialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { CorrectedStatement, MatchedIncident, ReadStore, StatementRowsParts } from '@app/read-store';

export interface ReportRowsWorkerData {
  path: string;
  /** Read the overview without filters first (at start-up: see preloadReportRows). */
  overview?: boolean;
}

/** What the worker read: the rows, and the file they are of (its inode when the worker opened it). */
export interface RowsRead {
  parts: StatementRowsParts;
  inode: number;
}

/** The overview without filters as `liveMatching` read it, and the file, checkpoint and policy it is of. */
export interface OverviewRead {
  matched: MatchedIncident[];
  seq: number;
  policyVersion: string;
  inode: number;
}

/** `loaded`: the parts' corrected statements are in `corrected`, slices of serialized entries (v8.serialize). */
export type ReportRowsWorkerMessage =
  | ({ type: 'loaded'; corrected: ArrayBuffer[] } & RowsRead)
  | ({ type: 'overview' } & OverviewRead)
  | { type: 'failed'; message: string };

export interface WorkerScript {
  file: string;
  argv: string[];
}

/**
 * The compiled worker (report-rows.worker.js beside this file; in the bundled service, beside main.js, where
 * scripts/bundle-service.js puts it); null when running from the TypeScript sources (the tests), where a worker
 * would first compile the libraries (seconds per service started), so the rows are read in steps on the event loop
 * instead.
 */
export function workerScript(): WorkerScript | null {
  const compiled = path.join(__dirname, 'report-rows.worker.js');
  return fs.existsSync(compiled) ? { file: compiled, argv: [] } : null;
}

/**
 * The report's statement rows of the projection file at `file`, read by a worker thread (report-rows.worker.ts);
 * with `overview`, the overview without filters is read first and handed to it.
 */
export function readRowsInWorker(
  file: string,
  script: WorkerScript,
  overview?: (read: OverviewRead) => void,
): Promise<RowsRead> {
  return new Promise<RowsRead>((resolve, reject) => {
    const data: ReportRowsWorkerData = { path: file, overview: overview !== undefined };
    const worker = new Worker(script.file, { argv: script.argv, workerData: data });
    // Reading never holds the process open (a shutdown meanwhile).
    worker.unref();
    worker.on('message', (message: ReportRowsWorkerMessage) => {
      if (message.type === 'overview') overview?.(message);
      else if (message.type === 'loaded') resolve(withCorrected(message));
      else reject(new Error(message.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker ended (exit code ${code})`)));
  });
}

/** The rows read, their corrected statements deserialized a slice per turn of the event loop: answers go between. */
async function withCorrected({ parts, corrected, inode }: { corrected: ArrayBuffer[] } & RowsRead): Promise<RowsRead> {
  const entries = new Map<string, CorrectedStatement>();
  for (const slice of corrected) {
    for (const [id, c] of deserialize(new Uint8Array(slice)) as [string, CorrectedStatement][]) entries.set(id, c);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { parts: { ...parts, corrected: entries }, inode };
}

let preloaded: { file: string; rows: Promise<RowsRead> } | null = null;
/**
 * The overview the worker reads, once it has come (null: none will, the worker read the rows without one or failed);
 * `taken` once the service has asked (one that comes later is not kept).
 */
let overviewRead: { file: string; read: Promise<OverviewRead | null> } | 'taken' | null = null;

/**
 * Starts reading the overview without filters, then the report's rows, of the projection file at `file` in a
 * worker thread, before the service is loaded (see main.ts); the service takes them over (`takePreloadedOverview`,
 * `takePreloaded`) if the file it opens is the one the worker read, at the same checkpoint for the overview.
 */
export function preloadReportRows(file: string, script = workerScript()): void {
  if (script === null || file === ':memory:') return;
  let settle: (read: OverviewRead | null) => void = () => undefined;
  overviewRead = { file, read: new Promise((resolve) => (settle = resolve)) };
  const rows = readRowsInWorker(file, script, (read) => settle(read));
  // The overview comes first or not at all: once the rows are read (or the worker failed), none is coming.
  rows.then(
    () => settle(null),
    () => settle(null),
  );
  preloaded = { file, rows };
}

/**
 * The overview the worker read at start-up (once), waiting for it up to `waitMs` while it is being read, if it is of
 * `file` as it is now: the same file (inode), checkpoint and policy; else null (the service reads its own). Started
 * bundled, the service can catch up before the worker has read it (0.4-0.5 s on the benchmark's store): reading it a
 * second time on the event loop would only hold up the first questions.
 */
export async function takePreloadedOverview(file: ReadStore, waitMs: number): Promise<MatchedIncident[] | null> {
  const held = overviewRead;
  overviewRead = 'taken';
  if (held === null || held === 'taken' || held.file !== file.path) return null;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
  const read = await Promise.race([held.read, late]).finally(() => clearTimeout(timer));
  if (read === null || !file.db.open) return null;
  const same =
    read.inode === fs.statSync(file.path).ino &&
    read.seq === file.checkpoint().seq &&
    read.policyVersion === file.policy.version;
  return same ? read.matched : null;
}

/** The rows preloaded from `file` (once: they are then the taker's), or null. */
export function takePreloaded(file: string): Promise<RowsRead> | null {
  if (preloaded?.file !== file) return null;
  const { rows } = preloaded;
  preloaded = null;
  return rows;
}
