import { Global, Module } from '@nestjs/common';
import { ReadStoreService } from './read-store.service';

/** This instance's projection file, kept live (see ReadStoreService); nothing queries it yet. */
@Global()
@Module({ providers: [ReadStoreService], exports: [ReadStoreService] })
export class ReadStoreModule {}
