import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { MergeSourcesHandler, RegisterSourceHandler, RegradeSourceHandler } from './commands/source.handlers';
import { SourcesResolver } from './sources.resolver';

@Module({
  imports: [SharedModule],
  providers: [SourcesResolver, RegisterSourceHandler, RegradeSourceHandler, MergeSourcesHandler],
})
export class SourcesModule {}
