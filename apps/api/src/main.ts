/**
 * The service's entry. Reading the speak-out report's statement rows from the projection file takes seconds of a
 * core (824,507 statements in the benchmark's store): a worker thread starts on them first, beside loading the
 * service's modules and starting Nest (seconds too), and the service takes them over once it opens that file.
 */
import { setFlagsFromString } from 'node:v8';
import { ConfigError, loadConfig } from './config/config';
import { preloadReportRows } from './read-store/report-rows-worker';

/**
 * Under many concurrent reads V8 lets the heap grow to several times what stays live before it collects (live
 * 75 MiB, heap 290 MiB at 64 connections on the benchmark's store). Growing by at most a fifth over what survived
 * each full collection keeps the service's resident memory near what it holds, for a few more collections.
 */
setFlagsFromString('--heap-growing-percent=20');

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
}

void main();
