import { Global, Module } from '@nestjs/common';
import { ReadModelService } from './read-model.service';

@Global()
@Module({ providers: [ReadModelService], exports: [ReadModelService] })
export class ReadModelModule {}
