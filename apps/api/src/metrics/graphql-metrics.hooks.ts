import type { FastifyReply, FastifyRequest } from 'fastify';
import { type DocumentNode, type ExecutionResult, getOperationAST } from 'graphql';
import { type OperationLabels, type RegistryMetrics, UNRESOLVED_OPERATION } from './registry-metrics';

interface HookContext {
  reply?: FastifyReply;
}
interface Tracked {
  labels: OperationLabels;
  failed: boolean;
}

function operationNameOf(request: FastifyRequest | undefined): string | undefined {
  const params = (request?.method === 'POST' ? request.body : request?.query) as
    { operationName?: unknown } | undefined;
  return typeof params?.operationName === 'string' ? params.operationName : undefined;
}

/**
 * Counts and times GraphQL requests by operation. The operation is known once Mercurius has parsed and
 * validated the document (preExecution, also for a cached document); whether it failed is known from the
 * execution result (onResolution) or the HTTP status; the time is Fastify's, taken when the reply is sent.
 */
export class GraphQLMetricsHooks {
  private readonly tracked = new WeakMap<FastifyRequest, Tracked>();

  constructor(private readonly metrics: RegistryMetrics) {}

  /** Mercurius hooks, to be registered before the limit hooks so that a refused variable is still labelled. */
  mercuriusHooks() {
    return {
      preExecution: async (_schema: unknown, document: DocumentNode, context: HookContext) => {
        const request = context?.reply?.request;
        if (!request) return;
        const operation = getOperationAST(document, operationNameOf(request));
        const labels = this.metrics.labelsOf(operation?.name?.value, operation?.operation ?? 'invalid');
        this.tracked.set(request, { labels, failed: false });
      },
      onResolution: async (execution: ExecutionResult, context: HookContext) => {
        const tracked = context?.reply?.request && this.tracked.get(context.reply.request);
        if (tracked && execution.errors?.length) tracked.failed = true;
      },
      preSubscriptionExecution: async (_schema: unknown, document: DocumentNode) => {
        const operation = getOperationAST(document);
        this.metrics.observeRequest(this.metrics.labelsOf(operation?.name?.value, 'subscription'), undefined, false);
      },
    };
  }

  /** Fastify onResponse, for every route: only /graphql over HTTP is counted here. */
  readonly onResponse = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (request.routeOptions.url !== '/graphql' || typeof request.headers.upgrade === 'string') return;
    const tracked = this.tracked.get(request);
    const failed = reply.statusCode >= 400 || (tracked?.failed ?? true);
    this.metrics.observeRequest(tracked?.labels ?? UNRESOLVED_OPERATION, reply.elapsedTime / 1000, failed);
  };
}
