import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import type { AppConfig } from '../config/config';
import { DateTimeScalar } from './date-time.scalar';
import { errorFormatter } from './error-formatter';
import { graphqlHttpHooks, subscriptionsOverWebSocket } from './graphql-http.hooks';
import { limitHooks } from './limits.hooks';
import { limitRules } from './limits';
import { readYourWritesHook } from './read-your-writes.hook';
import { withErrorCodes } from './ws-error-codes';
import type { GraphQLMetricsHooks } from '../metrics/graphql-metrics.hooks';

type Hooks = Record<string, unknown>;
/** Mercurius takes an array per hook; the metrics hooks go first so that they see every executed request. */
function mergeHooks(...all: Hooks[]): Record<string, unknown[]> {
  const merged: Record<string, unknown[]> = {};
  for (const hooks of all) for (const [name, hook] of Object.entries(hooks)) (merged[name] ??= []).push(hook);
  return merged;
}

/**
 * graphql-jit through Mercurius' adaptive mode: a query text run `minCount` times is compiled in the background
 * (setImmediate, off the request path) and runs compiled from then on. Not the fixed `jit: N` mode, whose run that
 * compiles skips graphql-js' variable check (graphql-jit's own then answers, worded differently); here every
 * request's variables are checked by graphql-js first. It waits (50 ms at a time) only while the event loop has not
 * idled at all (eluThreshold 1), not whenever it is busy: a loaded service is where compiled queries pay.
 */
function jitOptions(minCount: number): MercuriusDriverConfig['jit'] {
  return minCount > 0 ? { minCount, eluThreshold: 1 } : undefined;
}

/**
 * Code-first schema served by Mercurius on Fastify (GraphiQL: see graphiql/). Limits
 * (depth, cost, aliases, `first`, introspection in production) run as validation rules before execution;
 * batched operations are off.
 */
export function graphqlOptions(
  config: AppConfig,
  metricsHooks: GraphQLMetricsHooks,
): MercuriusDriverConfig & { driver: typeof MercuriusDriver } {
  return {
    driver: MercuriusDriver,
    autoSchemaFile: true,
    sortSchema: true,
    // Every Date field and argument is DateTimeScalar (what is not a string is refused, not taken for 1970).
    buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
    path: '/graphql',
    // Mercurius' own GraphiQL loads React and GraphiQL from a CDN: ours (graphiql/) is served offline.
    graphiql: false,
    // The upgrade request becomes `req` so the access guard reads headers and connectionParams alike; the socket's
    // error messages get the codes HTTP answers carry.
    subscription: {
      context: (socket: Parameters<typeof withErrorCodes>[0], request: unknown) => {
        withErrorCodes(socket);
        return { req: request };
      },
    },
    errorFormatter: errorFormatter,
    allowBatchedQueries: false,
    jit: jitOptions(config.graphqlJit),
    validationRules: limitRules(config.graphqlLimits),
    hooks: mergeHooks(metricsHooks.mercuriusHooks(), subscriptionsOverWebSocket, limitHooks(config.graphqlLimits), {
      onResolution: readYourWritesHook,
    }),
    additionalRouteOptions: graphqlHttpHooks,
  };
}
