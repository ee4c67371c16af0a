import { statSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { FileStatementRows, type ReadStore } from '@app/read-store';
import { unavailable } from '../graphql/error-codes';
import { readRowsInWorker, type RowsRead, takePreloaded, workerScript, type WorkerScript } from './report-rows-worker';

interface Loading {
  rows: FileStatementRows | null;
  loaded: Promise<FileStatementRows>;
}

const loading = new WeakMap<ReadStore, Loading>();
const logger = new Logger('ProjectionFile');

/**
 * The statement rows the speak-out report scans, of one open projection file, once loaded; null while they load
 * (the first call starts it; a report waits for them, `reportRowsLoaded`). Each report then reads what was folded
 * since (`follow`). A file swapped in is another `ReadStore`: its rows are its own, and the old file's go with it.
 */
export function reportRowsOf(file: ReadStore): FileStatementRows | null {
  return loadingOf(file).rows;
}

/**
 * The rows of `file` once loaded; UNAVAILABLE (retry) when the file was closed first (swapped for a rebuilt one, or
 * shut down): the question waiting for them asked a file that no longer serves.
 */
export async function reportRowsLoaded(file: ReadStore): Promise<FileStatementRows> {
  try {
    return await loadingOf(file).loaded;
  } catch (error) {
    if (!file.db.open) throw unavailable('The projection file was swapped or closed while it was read; retry.');
    throw error;
  }
}

function loadingOf(file: ReadStore): Loading {
  let entry = loading.get(file);
  if (entry) return entry;
  const started = Date.now();
  const loaded = loadReportRows(file, workerScript());
  const created: Loading = { rows: null, loaded: loaded.then(({ rows }) => rows) };
  // Who asks for the rows hears the failure; nobody asking is not an unhandled rejection.
  created.loaded.catch(() => undefined);
  loaded.then(
    ({ rows, how }) => {
      created.rows = rows;
      logger.log(
        `statement rows for reports: ${rows.length} read ${how}, ready ${Date.now() - started} ms after asked`,
      );
    },
    (error: Error) => {
      // A file closed while it loaded (swapped, shut down): the next question starts again.
      loading.delete(file);
      if (file.db.open) logger.warn(`statement rows for reports not read: ${error.message}`);
    },
  );
  loading.set(file, (entry = created));
  return entry;
}

export type HowRead = 'by a worker thread from start-up' | 'by a worker thread' | 'here, in steps';

/**
 * The report's statement rows of `file`: those a worker thread read from it at start-up (`preloadReportRows`) when
 * it is the file the worker read; else read by a worker thread now (`script`); else (none: the TypeScript sources,
 * an in-memory file, a worker that failed) read here, a few thousand statements per turn of the event loop, the
 * service answering between. What was folded after the worker's read is then read here, in steps too.
 */
export async function loadReportRows(
  file: ReadStore,
  script: WorkerScript | null,
): Promise<{ rows: FileStatementRows; how: HowRead }> {
  const preloaded = file.path === ':memory:' ? null : takePreloaded(file.path);
  const tries: [HowRead, () => Promise<RowsRead> | null][] = [
    ['by a worker thread from start-up', () => preloaded],
    [
      'by a worker thread',
      () => (script === null || file.path === ':memory:' ? null : readRowsInWorker(file.path, script)),
    ],
  ];
  for (const [how, read] of tries) {
    const reading = read();
    if (reading === null) continue;
    try {
      const { parts, inode } = await reading;
      // Rows up to a seq never change in one file: another file's (rebuilt, moved over it) are not these.
      if (inode !== statSync(file.path).ino || parts.upto > file.checkpoint().seq) {
        logger.log(`statement rows read ${how} were another file's: not taken`);
        continue;
      }
      const rows = FileStatementRows.adopt(file.db, parts);
      while (rows.follow(4_000)) await new Promise((resolve) => setImmediate(resolve));
      return { rows, how };
    } catch (error) {
      if (!file.db.open) throw error;
      logger.warn(`statement rows not read ${how}: ${(error as Error).message}`);
    }
  }
  return { rows: await FileStatementRows.loadInSteps(file.db), how: 'here, in steps' };
}
