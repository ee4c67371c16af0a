import { Global, Module } from '@nestjs/common';
import { AnswersAfterWrites } from './answers-after-writes';
import { LiveReads } from './live-reads.service';
import { PastReads } from './past-reads.service';
import { ReadStoreService } from './read-store.service';
import { StatementStreams } from '../statements/statement-streams';
import { IncidentReplays } from './incident-replays';

/** This instance's projection file, kept live (ReadStoreService), and the questions it answers: about the past, now. */
@Global()
@Module({
  providers: [ReadStoreService, PastReads, LiveReads, AnswersAfterWrites, StatementStreams, IncidentReplays],
  exports: [ReadStoreService, PastReads, LiveReads, AnswersAfterWrites, StatementStreams, IncidentReplays],
})
export class ReadStoreModule {}
