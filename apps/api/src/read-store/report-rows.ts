import { FileStatementRows, type ReadStore } from '@app/read-store';

const loaded = new WeakMap<ReadStore, FileStatementRows>();

/**
 * The statement rows the speak-out report scans, of one open projection file: every statement read once (one
 * ordered read of `statement_scan`), then each report reads what was folded since (`follow`). A file swapped in
 * is another `ReadStore`: its rows are its own, and the old file's go with it.
 */
export function reportRowsOf(file: ReadStore): FileStatementRows {
  let rows = loaded.get(file);
  if (!rows) loaded.set(file, (rows = FileStatementRows.load(file.db)));
  return rows;
}
