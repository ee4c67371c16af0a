import { Module } from '@nestjs/common';
import { CliConfig } from './cli-support';
import { BackupCommand } from './backup.command';
import { ExportCommand } from './export.command';
import { ImportCommand } from './import.command';
import { MigrateCommand } from './migrate.command';
import { RebuildCommand } from './rebuild.command';
import { RestoreCommand } from './restore.command';
import { VerifyCommand } from './verify.command';
import { TokensCommand, TokensCreateCommand, TokensListCommand, TokensRevokeCommand } from './tokens.command';

/** Every command of the CLI. Commands open the store (or the command path) themselves, only when they run. */
@Module({
  providers: [
    CliConfig,
    BackupCommand,
    ExportCommand,
    ImportCommand,
    MigrateCommand,
    RebuildCommand,
    RestoreCommand,
    VerifyCommand,
    TokensCommand,
    TokensCreateCommand,
    TokensListCommand,
    TokensRevokeCommand,
  ],
})
export class CliModule {}
