import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { CorrectSituationHandler, RegisterSituationHandler } from './commands/situation.handlers';
import { SituationsResolver } from './situations.resolver';

@Module({
  imports: [SharedModule],
  providers: [SituationsResolver, RegisterSituationHandler, CorrectSituationHandler],
})
export class SituationsModule {}
