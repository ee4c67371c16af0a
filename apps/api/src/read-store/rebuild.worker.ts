/**
 * A worker thread that rebuilds the projection file (see rebuild-in-worker.ts): the library's rebuild ends with
 * long synchronous phases (indexes, assessing every incident) that would hold the service's event loop, and
 * /health/live with it. It reads the store through a connection of its own, tells the service how far it has
 * read, and waits for the service to close its connections to the old file before the swap.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type EventStore, kurrentDb, type ReadAllOptions, openSqliteEventStore } from '@app/event-store';
import { rebuildReadStore } from '@app/read-store';
import type { RebuildWorkerData, RebuildWorkerMessage } from './rebuild-in-worker';

const { path, store, swap } = workerData as RebuildWorkerData;
const tell = (message: RebuildWorkerMessage) => parentPort!.postMessage(message);

async function main(): Promise<void> {
  const events: EventStore =
    store.kind === 'kurrentdb'
      ? kurrentDb().KurrentDbEventStore.fromConnectionString(store.connectionString)
      : openSqliteEventStore(store.sqlitePath);
  try {
    const source = {
      async *readAllBatches(options?: ReadAllOptions) {
        for await (const page of events.readAllBatches(options)) {
          yield page;
          tell({ type: 'read', events: page.length });
        }
      },
    };
    const report = await rebuildReadStore(path, source, {
      beforeSwap: () => {
        tell({ type: 'swap' });
        Atomics.wait(new Int32Array(swap), 0, 0);
      },
    });
    tell({ type: 'done', report });
  } finally {
    await events.close();
  }
}

main().catch((error: unknown) => tell({ type: 'failed', message: (error as Error).message ?? String(error) }));
