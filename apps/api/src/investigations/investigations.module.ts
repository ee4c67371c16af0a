import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { ConcludeInvestigationHandler, OpenInvestigationHandler } from './commands/investigation.handlers';
import { InvestigationsResolver } from './investigations.resolver';

@Module({
  imports: [SharedModule],
  providers: [InvestigationsResolver, OpenInvestigationHandler, ConcludeInvestigationHandler],
})
export class InvestigationsModule {}
