import { Module } from '@nestjs/common';
import { CommandExecutor } from './command-executor';
import { ReferenceChecks } from './reference-checks';

/** What every feature's command handlers use: the one executor and the reference checks. */
@Module({
  providers: [CommandExecutor, ReferenceChecks],
  exports: [CommandExecutor, ReferenceChecks],
})
export class SharedModule {}
