/**
 * A worker thread that reads the statement rows the speak-out report scans (see report-rows.ts) from the projection
 * file, through a read-only connection of its own, and hands them to the service: reading 824,507 statements takes
 * seconds of one core, which the service's event loop then spends answering.
 */
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { FileStatementRows } from '@app/read-store';
import type { ReportRowsWorkerData, ReportRowsWorkerMessage } from './report-rows-worker';

const { path } = workerData as ReportRowsWorkerData;
const tell = (message: ReportRowsWorkerMessage, transfer: ArrayBuffer[] = []) =>
  parentPort!.postMessage(message, transfer);

try {
  // Taken before the file is opened: a file moved over it meanwhile gives another inode than the one read, never
  // the same one for another file's rows.
  const { ino } = statSync(path);
  const { parts, transfer } = FileStatementRows.partsOfFile(path);
  tell({ type: 'loaded', parts, inode: ino }, transfer);
} catch (error) {
  tell({ type: 'failed', message: (error as Error).message ?? String(error) });
}
