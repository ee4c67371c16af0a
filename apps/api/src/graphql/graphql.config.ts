import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import type { AppConfig } from '../config/config';
import { errorFormatter } from './error-formatter';
import { graphqlHttpHooks } from './graphql-http.hooks';
import { limitHooks } from './limits.hooks';
import { limitRules } from './limits';
import { readYourWritesHook } from './read-your-writes.hook';

/**
 * Code-first schema served by Mercurius on Fastify; GraphiQL at /graphiql in development. Limits
 * (depth, cost, aliases, `first`, introspection in production) run as validation rules before execution;
 * batched operations are off.
 */
export function graphqlOptions(config: AppConfig): MercuriusDriverConfig & { driver: typeof MercuriusDriver } {
  return {
    driver: MercuriusDriver,
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    graphiql: !config.production,
    // The upgrade request becomes `req` so the access guard reads headers and connectionParams alike.
    subscription: { context: (_socket: unknown, request: unknown) => ({ req: request }) } as never,
    errorFormatter: errorFormatter as never,
    allowBatchedQueries: false,
    validationRules: limitRules(config.graphqlLimits),
    hooks: { ...limitHooks(config.graphqlLimits), onResolution: readYourWritesHook } as never,
    additionalRouteOptions: graphqlHttpHooks as never,
  };
}
