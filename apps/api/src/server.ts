import 'reflect-metadata';
import type { IncomingHttpHeaders } from 'node:http';
import { ConsoleLogger, Logger, type LogLevel } from '@nestjs/common';
import { StoreUnavailableError } from '@app/event-store';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { type AppConfig, ConfigError } from './config/config';
import { QuietExceptionFilter } from './graphql/quiet-exception.filter';
import { ReadStoreService } from './read-store/read-store.service';
import { createValidationPipe } from './graphql/validation.pipe';
import { serveWebPage } from './web/web-page';
import { requestIdOf } from './logging/request-id';

const LEVELS = ['error', 'warn', 'log', 'debug'] as const;
const logLevelsFrom = (lowest: AppConfig['logLevel']) => LEVELS.slice(0, LEVELS.indexOf(lowest) + 1) as LogLevel[];

/**
 * Nest's ExceptionHandler logs a failed start-up with its whole stack and cause chain, and then (with
 * abortOnError off) rethrows it to our caller, which reports it: drop the first, so that an operator
 * reads one clear line.
 */
class AppLogger extends ConsoleLogger {
  override error(message: unknown, ...rest: unknown[]): void {
    if (rest[rest.length - 1] === 'ExceptionHandler') return;
    super.error(message, ...rest);
  }
}

/**
 * Builds and starts the service; resolves once it listens, with the catch-up of the
 * projection file under way. Used by main and by the end-to-end tests. Logs are buffered until the JSON
 * logger (nestjs-pino) is in place; a start that fails before that flushes them to AppLogger, which keeps
 * the one clear line.
 */
export async function bootstrap(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter({
      bodyLimit: config.bodyLimitBytes,
      genReqId: (raw: { headers: IncomingHttpHeaders }) => requestIdOf(raw.headers),
    }),
    { logger: new AppLogger({ logLevels: logLevelsFrom(config.logLevel) }), abortOnError: false, bufferLogs: true },
  );
  app.useLogger(app.get(PinoLogger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new QuietExceptionFilter());
  serveWebPage(app, config.webDir);
  await app.listen(config.port, config.host);
  // Listening first: /health/live answers at once, /health/ready and queries say how far the catch-up is.
  void app.get(ReadStoreService).start();
  return app;
}

/**
 * SIGTERM/SIGINT: stop accepting, finish in-flight requests, close the store (flushing the pending group
 * commit), exit 0. Not Nest's enableShutdownHooks: it re-raises the signal (orchestrators read that as a
 * crash), and it leaves keep-alive connections open until they time out (72 s). Signals belong to the
 * process, so this lives here; the in-process tests close the app themselves.
 */
function closeOnSignals(app: NestFastifyApplication): void {
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    const logger = new Logger('Registry');
    logger.log(`${signal}: finishing in-flight requests, then closing`);
    // server.close() drops the connections idle at that moment; those busy then go idle after their
    // response and would hold the close open. Closing idle connections never cuts a request in flight.
    const server = app.getHttpServer();
    const sweep = setInterval(() => server.closeIdleConnections(), 20);
    app.close().then(
      () => {
        clearInterval(sweep);
        process.exit(0);
      },
      (error: Error) => {
        process.stderr.write(`Shutdown failed: ${error.stack ?? error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}

/** Starts the service with `config` and closes it on SIGTERM/SIGINT; exits 1 when it cannot start. */
export async function serve(config: AppConfig): Promise<void> {
  try {
    const app = await bootstrap(config);
    closeOnSignals(app);
    new Logger('Registry').log(`GraphQL API at ${await app.getUrl()}/graphql (event store: ${config.eventStore})`);
  } catch (error) {
    // A store that cannot be opened is an operator's matter: its message says what and where. Anything
    // else is a bug: keep the stack.
    const known = error instanceof StoreUnavailableError || error instanceof ConfigError;
    process.stderr.write(
      `Start-up failed: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`,
    );
    process.exit(1);
  }
}
