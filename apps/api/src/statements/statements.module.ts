import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { CorrectStatementHandler, RecordStatementHandler } from './commands/statement.handlers';
import { StatementsResolver } from './statements.resolver';

@Module({
  imports: [SharedModule],
  providers: [StatementsResolver, RecordStatementHandler, CorrectStatementHandler],
})
export class StatementsModule {}
