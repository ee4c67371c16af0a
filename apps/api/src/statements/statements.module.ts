import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { RecordResolutionVoteHandler } from './commands/resolution.handlers';
import { CorrectStatementHandler, RecordStatementHandler } from './commands/statement.handlers';
import { ResolutionsResolver } from './resolutions.resolver';
import { StatementsResolver } from './statements.resolver';

@Module({
  imports: [SharedModule],
  providers: [
    StatementsResolver,
    RecordStatementHandler,
    CorrectStatementHandler,
    ResolutionsResolver,
    RecordResolutionVoteHandler,
  ],
})
export class StatementsModule {}
