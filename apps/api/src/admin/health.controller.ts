import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { type HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { ProjectionFileHealthIndicator, ProjectionHealthIndicator, StoreHealthIndicator } from './health.indicators';

/**
 * Liveness and readiness for orchestrators, on @nestjs/terminus with our three indicators. The reply is
 * written directly: the global exception filter is made for GraphQL, so nothing here throws. The body keeps
 * the fields the README documents, terminus' per-indicator result under `checks`.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly storeHealth: StoreHealthIndicator,
    private readonly projectionHealth: ProjectionHealthIndicator,
    private readonly projectionFileHealth: ProjectionFileHealthIndicator,
  ) {}

  /** 200 as long as the process serves HTTP, also while the projection catches up. */
  @Get('live')
  live(@Res() reply: FastifyReply): void {
    void reply.code(200).send({ status: 'live' });
  }

  /**
   * 200 when the store answers and both read sides (the in-memory projection and the projection file) have
   * caught up and follow it live; 503 otherwise: traffic goes to an instance only when every read side is.
   */
  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const result = await this.check();
    const store = result.details.store;
    const { status: projectionStatus, lag, ...projection } = result.details.projection as Record<string, unknown>;
    const { status: fileStatus, ...projectionFile } = result.details.projectionFile as Record<string, unknown>;
    const ready = result.status === 'ok';
    void reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'unavailable',
      store: store.status === 'up' ? 'up' : 'down',
      ...(store.status === 'up' ? {} : { storeError: store.message as string | undefined }),
      lag,
      projection,
      projectionFile,
      checks: { store: store.status, projection: projectionStatus, projectionFile: fileStatus, overall: result.status },
    });
  }

  /** Terminus throws its 503 with the same result inside: both ways end as one result here. */
  private async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.storeHealth.check('store'),
        () => this.projectionHealth.check('projection'),
        () => this.projectionFileHealth.check('projectionFile'),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      return error.getResponse() as HealthCheckResult;
    }
  }
}
