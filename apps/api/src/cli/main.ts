/**
 * The registry's command line: `npm run cli -- <command>` (`--help` on every command). It reads the same
 * environment variables as the service and writes through the same command path (see registry-context).
 * Exit codes: 0 done, 1 failed (or rows rejected), 2 usage or configuration.
 */
import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { ConfigError } from '../config/config';
import { CliError, note } from './cli-support';
import { CliModule } from './cli.module';

function report(error: Error): void {
  if (error.message) note(`${error instanceof ConfigError ? 'Configuration error' : 'Error'}: ${error.message}`);
  process.exitCode = error instanceof CliError ? error.exitCode : error instanceof ConfigError ? 2 : 1;
}

async function main(): Promise<void> {
  await CommandFactory.run(CliModule, { logger: ['error', 'warn'], cliName: 'registry', serviceErrorHandler: report });
}

main().catch((error: Error) => report(error));
