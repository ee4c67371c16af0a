import { Module } from '@nestjs/common';
import { AdminResolver } from './admin.resolver';
import { HealthController } from './health.controller';

/** Health endpoints and projection administration (rebuild). */
@Module({ controllers: [HealthController], providers: [AdminResolver] })
export class AdminModule {}
