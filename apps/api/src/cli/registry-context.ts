import { ConsoleLogger, type DynamicModule, type INestApplicationContext, type LogLevel, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { EventStore } from '@app/event-store';
import type { ReadStore } from '@app/read-store';
import type { AppConfig } from '../config/config';
import { CliError } from './cli-support';
import { ConfigModule } from '../config/config.module';
import { EventStoreModule } from '../event-store/event-store.module';
import { EvidenceCoreModule } from '../evidence/evidence-core.module';
import { AllegeUseHandler } from '../incidents/commands/allege-use.handler';
import { AddCorroborationHandler, RetractCorroborationHandler } from '../incidents/commands/corroboration.handlers';
import { CorrectIncidentHandler, WithdrawIncidentHandler } from '../incidents/commands/incident-lifecycle.handlers';
import { ReadStoreModule } from '../read-store/read-store.module';
import { ReadStoreService } from '../read-store/read-store.service';
import { StatementStreams } from '../statements/statement-streams';
import { ReferenceData } from '../reference/reference-data';
import { SharedModule } from '../shared/shared.module';
import { CorrectSituationHandler, RegisterSituationHandler } from '../situations/commands/situation.handlers';
import { RegisterSourceHandler, RegradeSourceHandler } from '../sources/commands/source.handlers';
import { RecordResolutionVoteHandler } from '../statements/commands/resolution.handlers';
import { CorrectStatementHandler, RecordStatementHandler } from '../statements/commands/statement.handlers';

/**
 * The service's command path without its HTTP side: the same store, projection file, executor and handlers,
 * so that the CLI writes exactly as a GraphQL mutation does (and beside a running service on one file).
 */
@Module({})
class RegistryCommandModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: RegistryCommandModule,
      imports: [
        ConfigModule.forRoot(config),
        CqrsModule.forRoot(),
        EventStoreModule.forRoot(),
        ReadStoreModule,
        SharedModule,
        EvidenceCoreModule,
      ],
      providers: [
        RegisterSourceHandler,
        RegradeSourceHandler,
        AllegeUseHandler,
        CorrectIncidentHandler,
        WithdrawIncidentHandler,
        AddCorroborationHandler,
        RetractCorroborationHandler,
        RecordStatementHandler,
        CorrectStatementHandler,
        RecordResolutionVoteHandler,
        RegisterSituationHandler,
        CorrectSituationHandler,
      ],
    };
  }
}

/** Nest writes warnings to stdout; a command's stdout is its output (`--json`), so its logs go to stderr. */
class StderrLogger extends ConsoleLogger {
  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    _stream?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack);
  }
}

export interface RegistryContext {
  commands: CommandBus;
  /** A statement's stream (its quote and citation are only there). */
  statements: StatementStreams;
  reference: ReferenceData;
  store: EventStore;
  /** The projection file, caught up with the store when opened, and following the writes made through `commands`. */
  file: ReadStore;
  /**
   * Keeps the file at its checkpoint (no page of the store folded) until the returned function is called: an
   * export reads one snapshot across turns of the event loop.
   */
  hold(): () => void;
  close(): Promise<void>;
}

/**
 * Opens the command path, once its projection file has caught up with the store: the file the service keeps
 * (`PROJECTIONS_DB`), or an alternate beside it while a running service holds that one (see ReadStoreService).
 */
export async function openRegistry(config: AppConfig): Promise<RegistryContext> {
  const app: INestApplicationContext = await NestFactory.createApplicationContext(
    RegistryCommandModule.forRoot(config),
    { logger: new StderrLogger({ logLevels: ['error', 'warn'] }), abortOnError: false },
  );
  await app.init();
  // The service starts its catch-up once it listens; a command line has nothing to serve first.
  const file = app.get(ReadStoreService);
  await file.start({ warm: false });
  if (file.servingFile === null) {
    const { lastError } = await file.readiness();
    await app.close();
    throw new CliError(`the projection file ${file.path} could not catch up with the event store: ${lastError}`);
  }
  return {
    commands: app.get(CommandBus),
    statements: app.get(StatementStreams),
    reference: app.get(ReferenceData),
    store: app.get(EventStore),
    file: file.serving,
    hold: () => file.holdLiveFolding(),
    close: () => app.close(),
  };
}
