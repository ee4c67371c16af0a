import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { IncidentFieldsResolver } from './incident-fields.resolver';
import { IncidentOverviewResolver } from './incident-overview.resolver';
import { IncidentQueriesResolver } from './incident.queries.resolver';
import { SpeakOutResolver } from './speak-out.resolver';
import { PolicyVersionsResolver } from './policy-versions.resolver';
import { StatementQueriesResolver } from './statement.queries.resolver';
import { StatementTextsResolver } from './statement-texts.resolver';

/**
 * The read side over GraphQL: lookups, lists, timelines, reports, time travel. It brings in the live
 * subscriptions and the admin/health endpoints too, so that app.module.ts imports the read side once.
 */
@Module({
  imports: [SubscriptionsModule, AdminModule],
  providers: [
    IncidentQueriesResolver,
    IncidentFieldsResolver,
    IncidentOverviewResolver,
    StatementQueriesResolver,
    StatementTextsResolver,
    SpeakOutResolver,
    PolicyVersionsResolver,
  ],
})
export class QueriesModule {}
