import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RebuildReport } from '@app/read-store';
import type { AppConfig } from '../config/config';

export type RebuildStoreAddress =
  { kind: 'sqlite'; sqlitePath: string } | { kind: 'kurrentdb'; connectionString: string };

/** Where a worker finds the store: its own connection to the same one; null for an in-memory store (none). */
export function storeAddressOf(config: AppConfig): RebuildStoreAddress | null {
  if (config.eventStore === 'kurrentdb')
    return { kind: 'kurrentdb', connectionString: config.kurrentdbConnectionString! };
  return config.sqlitePath === ':memory:' ? null : { kind: 'sqlite', sqlitePath: config.sqlitePath };
}

export interface RebuildWorkerData {
  path: string;
  store: RebuildStoreAddress;
  /** One Int32: the worker waits on it before the swap; the service sets it once its connections are closed. */
  swap: SharedArrayBuffer;
}

export type RebuildWorkerMessage =
  | { type: 'read'; events: number }
  | { type: 'swap' }
  | { type: 'done'; report: RebuildReport }
  | { type: 'failed'; message: string };

export interface RebuildHooks {
  /** Told how many events the rebuild has read, page by page. */
  read(events: number): void;
  /** Runs just before the new file is moved over the old one: close the old file's connections here. */
  beforeSwap(): void;
}

/** A rebuild under way in its worker thread; `stop` ends it (the old file stays, the new one is left unfinished). */
export interface WorkerRebuild {
  done: Promise<RebuildReport>;
  stop(): Promise<void>;
}

/**
 * The worker's script: the compiled one beside this file (in the bundled service, beside main.js, where
 * scripts/bundle-service.js puts it); from the TypeScript sources (the tests), through the
 * repository's TypeScript runner (swc, the @app/* paths), which a worker thread can load as well.
 */
function workerScript(): { file: string; argv: string[] } {
  const compiled = path.join(__dirname, 'rebuild.worker.js');
  if (fs.existsSync(compiled)) return { file: compiled, argv: [] };
  const runTs = path.resolve(__dirname, '../../../../libs/read-store/src/testing/run-ts.js');
  return { file: runTs, argv: [path.join(__dirname, 'rebuild.worker.ts')] };
}

/** Rebuilds the projection file at `file` (rebuildReadStore) in a worker thread: the service keeps answering. */
export function rebuildInWorker(file: string, store: RebuildStoreAddress, hooks: RebuildHooks): WorkerRebuild {
  const swap = new SharedArrayBuffer(4);
  const { file: script, argv } = workerScript();
  const worker = new Worker(script, { argv, workerData: { path: file, store, swap } satisfies RebuildWorkerData });
  const done = new Promise<RebuildReport>((resolve, reject) => {
    worker.on('message', (message: RebuildWorkerMessage) => {
      switch (message.type) {
        case 'read':
          return hooks.read(message.events);
        case 'swap':
          try {
            hooks.beforeSwap();
          } finally {
            Atomics.store(new Int32Array(swap), 0, 1);
            Atomics.notify(new Int32Array(swap), 0);
          }
          return;
        case 'done':
          return resolve(message.report);
        case 'failed':
          return reject(new Error(`rebuild failed: ${message.message}`));
        default: {
          const _exhaustive: never = message;
          return _exhaustive;
        }
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the rebuild's worker ended (exit code ${code})`)));
  });
  return { done, stop: () => worker.terminate().then(() => undefined) };
}
