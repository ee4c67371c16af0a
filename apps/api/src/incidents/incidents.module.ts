import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { AllegeUseHandler } from './commands/allege-use.handler';
import { IncidentsResolver } from './incidents.resolver';

@Module({
  imports: [SharedModule],
  providers: [IncidentsResolver, AllegeUseHandler],
})
export class IncidentsModule {}
