import { Args, Resolver, Subscription } from '@nestjs/graphql';
import { canonicalIncidentId } from '@app/projections';
import { ReadModelService } from '../read-model/read-model.service';
import { StatementObject } from '../statements/objects/statement.object';
import { LiveFeeds } from './live-feeds.service';
import {
  IncidentStatusChangedObject,
  StatementRecordedFilterInput,
  StatusChangedFilterInput,
} from './subscription.objects';

const asIs = <T>(payload: T): T => payload;

/** Live updates over graphql-ws: only what happens after the client subscribed. */
@Resolver()
export class SubscriptionsResolver {
  constructor(
    private readonly feeds: LiveFeeds,
    private readonly readModel: ReadModelService,
  ) {}

  @Subscription(() => IncidentStatusChangedObject, {
    resolve: asIs,
    description: 'Real status changes, with before and after',
  })
  incidentStatusChanged(
    @Args('filter', { type: () => StatusChangedFilterInput, nullable: true }) filter?: StatusChangedFilterInput,
  ) {
    const f = filter ?? {};
    const model = this.readModel.model;
    const ids = f.incidentIds && new Set(f.incidentIds.map((id) => canonicalIncidentId(model, id) ?? id));
    return this.feeds.statusChanges.subscribe((c) => {
      const d = c.incident;
      return (
        (!ids || ids.has(c.incidentId)) &&
        (!f.countryCode || d.location.countryCode === f.countryCode) &&
        (!f.allegedUser || d.allegedUser.stateCodes.includes(f.allegedUser)) &&
        (!f.after || f.after.includes(c.after))
      );
    });
  }

  @Subscription(() => StatementObject, { resolve: asIs, description: 'Statements as they are recorded' })
  statementRecorded(
    @Args('filter', { type: () => StatementRecordedFilterInput, nullable: true }) filter?: StatementRecordedFilterInput,
  ) {
    const f = filter ?? {};
    return this.feeds.statements.subscribe((s) => {
      const incident = f.incidentId && (canonicalIncidentId(this.readModel.model, f.incidentId) ?? f.incidentId);
      return (
        (!f.stateCodes || s.speakers.some((sp) => f.stateCodes!.includes(sp.stateCode))) &&
        (!incident || s.incidentIds.includes(incident)) &&
        (!f.kind || f.kind.includes(s.kind))
      );
    });
  }
}
