import { Module } from '@nestjs/common';
import { GraphiqlController } from './graphiql.controller';

/**
 * The GraphiQL explorer at /graphiql, imported in development only (production turns introspection off,
 * so an explorer would have no schema). graphiql, react and react-dom are development dependencies.
 */
@Module({ controllers: [GraphiqlController] })
export class GraphiqlModule {}
