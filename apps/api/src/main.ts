/**
 * The service's entry. Reading the speak-out report's statement rows from the projection file takes seconds of a
 * core (824,507 statements in the benchmark's store): a worker thread starts on them first, beside loading the
 * service's modules and starting Nest (seconds too), and the service takes them over once it opens that file.
 */
import { setFlagsFromString } from 'node:v8';
import { ConfigError, loadConfig } from './config/config';
import { preloadReportRows } from './read-store/report-rows-worker';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  preloadReportRows(config.projectionsDb);
  const { serve } = await import('./server.js');
  await serve(config);
  // Under many concurrent reads V8 lets the heap grow to several times what stays live before it collects (live
  // 75 MiB, heap 290 MiB at 64 connections on the benchmark's store). Growing by at most a fifth over what survived
  // each full collection keeps the resident memory near what the service holds, for a few more collections. Set
  // once it listens: loading the modules and starting grow the heap from nothing, at V8's own pace.
  setFlagsFromString('--heap-growing-percent=20');
}

void main();
