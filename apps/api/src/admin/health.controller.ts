import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { type HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { ProjectionFileHealthIndicator, StoreHealthIndicator } from './health.indicators';

/**
 * Liveness and readiness for orchestrators, on @nestjs/terminus with our two indicators. The reply is
 * written directly: the global exception filter is made for GraphQL, so nothing here throws. The body keeps
 * the fields the README documents, terminus' per-indicator result under `checks`.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly storeHealth: StoreHealthIndicator,
    private readonly projectionHealth: ProjectionFileHealthIndicator,
  ) {}

  /** 200 as long as the process serves HTTP, also while the projection catches up. */
  @Get('live')
  live(@Res() reply: FastifyReply): void {
    void reply.code(200).send({ status: 'live' });
  }

  /**
   * 200 when the store answers and the projection file has caught up and follows it live; 503 otherwise (with how
   * far behind it is): traffic goes to an instance only when its answers are current.
   */
  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const result = await this.check();
    const store = result.details.store;
    const { status: projectionStatus, ...projection } = result.details.projection as Record<string, unknown>;
    const ready = result.status === 'ok';
    void reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'unavailable',
      store: store.status === 'up' ? 'up' : 'down',
      ...(store.status === 'up' ? {} : { storeError: store.message as string | undefined }),
      lag: projection.lag,
      projection,
      checks: { store: store.status, projection: projectionStatus, overall: result.status },
    });
  }

  /** Terminus throws its 503 with the same result inside: both ways end as one result here. */
  private async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.storeHealth.check('store'),
        () => this.projectionHealth.check('projection'),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      return error.getResponse() as HealthCheckResult;
    }
  }
}
