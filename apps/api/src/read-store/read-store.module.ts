import { Global, Module } from '@nestjs/common';
import { AnswersAfterWrites } from './answers-after-writes';
import { LiveReads } from './live-reads.service';
import { PastReads } from './past-reads.service';
import { ReadStoreService } from './read-store.service';
import { StatementStreams } from '../statements/statement-streams';
import { IncidentTrails } from './incident-reads';

/** This instance's projection file, kept live (ReadStoreService), and the questions it answers: about the past, now. */
@Global()
@Module({
  providers: [ReadStoreService, PastReads, LiveReads, AnswersAfterWrites, StatementStreams, IncidentTrails],
  exports: [ReadStoreService, PastReads, LiveReads, AnswersAfterWrites, StatementStreams, IncidentTrails],
})
export class ReadStoreModule {}
