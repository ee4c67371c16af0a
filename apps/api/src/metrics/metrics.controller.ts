import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { covers } from '../auth/roles';
import { credentialFromHeaders } from '../auth/bearer';
import { TokenStore } from '../auth/token-store';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { RegistryMetrics } from './registry-metrics';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * GET /metrics in the Prometheus text format. Scraping needs `Authorization: Bearer <token>`, the token
 * being METRICS_TOKEN or an ADMIN API token: the figures hold no ids, names or secrets, but the volume of
 * work by operation over time says what the researchers are busy with. Written directly to the reply (the
 * global exception filter is made for GraphQL).
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: RegistryMetrics,
    private readonly tokens: TokenStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async scrape(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!this.allowed(request)) {
      void reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'Send Authorization: Bearer <METRICS_TOKEN or an ADMIN token>' });
      return;
    }
    const body = await this.metrics.registry.metrics();
    void reply.code(200).header('content-type', this.metrics.registry.contentType).send(body);
  }

  private allowed(request: FastifyRequest): boolean {
    const credential = credentialFromHeaders(request.headers);
    if (credential.kind !== 'token') return false;
    if (this.config.metricsToken && timingSafeEqual(sha256(credential.token), sha256(this.config.metricsToken)))
      return true;
    const record = this.tokens.authenticate(credential.token);
    return record !== null && covers(record.role, 'ADMIN');
  }
}
