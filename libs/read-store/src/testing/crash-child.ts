/**
 * A child process for the crash test (started through run-ts.js):
 *   write <store> <seed> <steps>   appends a random history to the SQLite event store, one commit per event
 *   fold <store> <projections>     folds the store into the projection file, page by page, forever; prints
 *                                  `folding n` before each page's transaction and `folded <seq>` after it
 *                                  (the parent SIGKILLs it mid-fold)
 */
import { openSqliteEventStore } from '@app/event-store';
import { randomHistory } from '../../../projections/src/testing/random-history';
import { ReadStore } from '../read-store';
import { appendAll } from './tables';

async function main(): Promise<void> {
  const [mode, storePath, arg1, arg2] = process.argv.slice(2);
  const store = openSqliteEventStore(storePath, { synchronous: 'NORMAL' });
  if (mode === 'write') {
    await appendAll(store, randomHistory(Number(arg1), Number(arg2)).events, 2);
    process.stdout.write('written\n');
    await store.close();
    return;
  }
  const projections = ReadStore.openFile(arg1);
  for (;;) {
    const from = projections.checkpoint().position;
    for await (const page of store.readAllBatches(from === null ? {} : { fromPosition: from })) {
      process.stdout.write(`folding ${page.length}\n`);
      projections.applyPage(page, { assess: true });
      process.stdout.write(`folded ${projections.checkpoint().seq}\n`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
