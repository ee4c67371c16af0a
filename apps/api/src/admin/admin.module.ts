import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AdminResolver } from './admin.resolver';
import { HealthController } from './health.controller';
import { ProjectionFileHealthIndicator, StoreHealthIndicator } from './health.indicators';

/**
 * Health endpoints and projection administration (rebuild). Terminus' own logger is off: a failing
 * readiness check is the normal state during catch-up, and /health/ready says why.
 */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [AdminResolver, StoreHealthIndicator, ProjectionFileHealthIndicator],
})
export class AdminModule {}
