import { Module } from '@nestjs/common';
import { CliConfig } from './cli-support';
import { ImportCommand } from './import.command';
import { RebuildCommand } from './rebuild.command';
import { TokensCommand, TokensCreateCommand, TokensListCommand, TokensRevokeCommand } from './tokens.command';

/** Every command of the CLI. Commands open the store (or the command path) themselves, only when they run. */
@Module({
  providers: [
    CliConfig, ImportCommand, RebuildCommand, TokensCommand, TokensCreateCommand, TokensListCommand, TokensRevokeCommand,
  ],
})
export class CliModule {}
