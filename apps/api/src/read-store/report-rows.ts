import { Logger } from '@nestjs/common';
import { FileStatementRows, type ReadStore } from '@app/read-store';

interface Loading {
  rows: FileStatementRows | null;
  loaded: Promise<FileStatementRows>;
}

const loading = new WeakMap<ReadStore, Loading>();
const logger = new Logger('ProjectionFile');

/**
 * The statement rows the speak-out report scans, of one open projection file, once loaded; null while they load
 * (the first call starts it: every statement read in steps, the service answering meanwhile; a report waits for
 * them, `reportRowsLoaded`). Each report then reads what was folded since (`follow`). A file swapped in is
 * another `ReadStore`: its rows are its own, and the old file's go with it.
 */
export function reportRowsOf(file: ReadStore): FileStatementRows | null {
  return loadingOf(file).rows;
}

/** The rows of `file` once loaded. */
export function reportRowsLoaded(file: ReadStore): Promise<FileStatementRows> {
  return loadingOf(file).loaded;
}

function loadingOf(file: ReadStore): Loading {
  let entry = loading.get(file);
  if (entry) return entry;
  const started = Date.now();
  const loaded = FileStatementRows.loadInSteps(file.db);
  const created: Loading = { rows: null, loaded };
  loaded.then(
    (rows) => {
      created.rows = rows;
      logger.log(`statement rows for reports: ${rows.length} read in ${Date.now() - started} ms`);
    },
    (error: Error) => {
      // A file closed while it loaded (swapped, shut down): the next question starts again.
      loading.delete(file);
      logger.warn(`statement rows for reports not read: ${error.message}`);
    },
  );
  loading.set(file, (entry = created));
  return entry;
}
