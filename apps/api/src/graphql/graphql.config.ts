import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import type { AppConfig } from '../config/config';
import { errorFormatter } from './error-formatter';

/** Code-first schema served by Mercurius on Fastify; GraphiQL at /graphiql in development. */
export function graphqlOptions(config: AppConfig): MercuriusDriverConfig & { driver: typeof MercuriusDriver } {
  return {
    driver: MercuriusDriver,
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    graphiql: !config.production,
    subscription: true,
    errorFormatter: errorFormatter as never,
  };
}
