import { Global, Module } from '@nestjs/common';
import { PastReads } from './past-reads.service';
import { ReadStoreService } from './read-store.service';

/** This instance's projection file, kept live (ReadStoreService), and the questions about the past it answers. */
@Global()
@Module({ providers: [ReadStoreService, PastReads], exports: [ReadStoreService, PastReads] })
export class ReadStoreModule {}
