import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { StatementRowsParts } from '@app/read-store';

export interface ReportRowsWorkerData {
  path: string;
}

/** What the worker read: the rows, and the file they are of (its inode when the worker opened it). */
export interface RowsRead {
  parts: StatementRowsParts;
  inode: number;
}

export type ReportRowsWorkerMessage = ({ type: 'loaded' } & RowsRead) | { type: 'failed'; message: string };

export interface WorkerScript {
  file: string;
  argv: string[];
}

/**
 * The compiled worker (report-rows.worker.js beside this file); null when running from the TypeScript sources (the
 * tests), where a worker would first compile the libraries (seconds per service started), so the rows are read in
 * steps on the event loop instead.
 */
export function workerScript(): WorkerScript | null {
  const compiled = path.join(__dirname, 'report-rows.worker.js');
  return fs.existsSync(compiled) ? { file: compiled, argv: [] } : null;
}

/** The report's statement rows of the projection file at `file`, read by a worker thread (report-rows.worker.ts). */
export function readRowsInWorker(file: string, script: WorkerScript): Promise<RowsRead> {
  return new Promise<RowsRead>((resolve, reject) => {
    const worker = new Worker(script.file, { argv: script.argv, workerData: { path: file } });
    // Reading never holds the process open (a shutdown meanwhile).
    worker.unref();
    worker.once('message', (message: ReportRowsWorkerMessage) =>
      message.type === 'loaded' ? resolve(message) : reject(new Error(message.message)),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker ended (exit code ${code})`)));
  });
}

let preloaded: { file: string; rows: Promise<RowsRead> } | null = null;

/**
 * Starts reading the rows of the projection file at `file` in a worker thread, before the service is loaded (see
 * main.ts); the service takes them over (`takePreloaded`) if the file it opens is the one the worker read.
 */
export function preloadReportRows(file: string, script = workerScript()): void {
  if (script === null || file === ':memory:') return;
  const rows = readRowsInWorker(file, script);
  rows.catch(() => undefined); // a failure is the taker's to report; none may end the process unheard
  preloaded = { file, rows };
}

/** The rows preloaded from `file` (once: they are then the taker's), or null. */
export function takePreloaded(file: string): Promise<RowsRead> | null {
  if (preloaded?.file !== file) return null;
  const { rows } = preloaded;
  preloaded = null;
  return rows;
}
