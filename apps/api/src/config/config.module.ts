import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from './config';
import { ReferenceData } from '../reference/reference-data';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The validated configuration and the shipped reference data, available everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: ReferenceData, useValue: new ReferenceData(config.referenceDataDir) },
      ],
      exports: [APP_CONFIG, ReferenceData],
    };
  }
}
