import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ReadModelService } from '../read-model/read-model.service';

/**
 * Liveness and readiness for orchestrators. The reply is written directly: the global exception filter
 * is made for GraphQL, so nothing here throws.
 */
@Controller('health')
export class HealthController {
  constructor(private readonly readModel: ReadModelService) {}

  @Get('live')
  live(@Res() reply: FastifyReply): void {
    void reply.code(200).send({ status: 'live' });
  }

  /** 200 when the store answers ping() and the projection follows it live; 503 otherwise. */
  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const { store, storeError, projection } = await this.readModel.ready();
    const ready = store && projection.live && !projection.rebuilding;
    void reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'unavailable',
      store: store ? 'up' : 'down',
      ...(storeError ? { storeError } : {}),
      projection,
    });
  }
}
