import { Module } from '@nestjs/common';
import { IncidentQueriesResolver } from './incident.queries.resolver';

/** The read side over GraphQL: lookups, lists, timelines, reports, time travel. */
@Module({ providers: [IncidentQueriesResolver] })
export class QueriesModule {}
