import 'reflect-metadata';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { type AppConfig, ConfigError, loadConfig } from './config/config';
import { QuietExceptionFilter } from './graphql/quiet-exception.filter';
import { createValidationPipe } from './graphql/validation.pipe';

const LEVELS = ['error', 'warn', 'log', 'debug'] as const;
const logLevelsFrom = (lowest: AppConfig['logLevel']) => LEVELS.slice(0, LEVELS.indexOf(lowest) + 1) as LogLevel[];

/** Builds and starts the service; resolves once it listens. Used by main and by the end-to-end tests. */
export async function bootstrap(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter({ bodyLimit: config.bodyLimitBytes }),
    { logger: logLevelsFrom(config.logLevel), abortOnError: false },
  );
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new QuietExceptionFilter());
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  return app;
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  try {
    const app = await bootstrap(config);
    new Logger('Registry').log(`GraphQL API at ${await app.getUrl()}/graphql (event store: ${config.eventStore})`);
  } catch (error) {
    process.stderr.write(`Start-up failed: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

if (require.main === module) void main();
