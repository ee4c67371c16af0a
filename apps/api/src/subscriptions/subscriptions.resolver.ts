import { Args, Resolver, Subscription } from '@nestjs/graphql';
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
  constructor(private readonly feeds: LiveFeeds) {}

  /**
   * The incidents `ids` resolve to in the projection file, as each payload is published (the file is then exactly at
   * the page that made it, so a merge since subscribing is followed), read again only when a new page is published.
   */
  private canonicalIds(ids: readonly string[]): () => ReadonlySet<string> {
    let resolved: { page: number; ids: ReadonlySet<string> } | null = null;
    return () => {
      if (resolved?.page !== this.feeds.pages) {
        resolved = { page: this.feeds.pages, ids: new Set(ids.map((id) => this.feeds.canonicalIncidentId(id))) };
      }
      return resolved.ids;
    };
  }

  @Subscription(() => IncidentStatusChangedObject, {
    resolve: asIs,
    description: 'Real status changes, with before and after',
  })
  incidentStatusChanged(
    @Args('filter', { type: () => StatusChangedFilterInput, nullable: true }) filter?: StatusChangedFilterInput,
  ) {
    const f = filter ?? {};
    const ids = f.incidentIds && this.canonicalIds(f.incidentIds);
    return this.feeds.statusChanges.subscribe((c) => {
      const d = c.incident;
      return (
        (!ids || ids().has(c.incidentId)) &&
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
    const incident = f.incidentId ? this.canonicalIds([f.incidentId]) : undefined;
    return this.feeds.statements.subscribe((s) => {
      return (
        (!f.stateCodes || s.speakers.some((sp) => f.stateCodes!.includes(sp.stateCode))) &&
        (!incident || s.incidentIds.some((id) => incident().has(id))) &&
        (!f.kind || f.kind.includes(s.kind))
      );
    });
  }
}
