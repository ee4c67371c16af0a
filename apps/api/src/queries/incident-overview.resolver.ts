import { ResolveField, Resolver, Parent } from '@nestjs/graphql';
import {
  type IncidentFilter,
  type IncidentSet,
  incidentMap,
  type ListedIncident,
  type Keyed,
  type OverviewFilter,
  type OverviewIncident,
  overviewMap,
  tallyIncidents,
  tallyOverview,
} from '@app/projections';
import { IncidentMapObject, IncidentTallyObject } from './objects/incident-overview.objects';
import { IncidentConnectionObject } from './objects/incident-read.objects';

/** What a connection matched, beyond its page: kept on the object under a symbol (GraphQL and JSON never see it). */
export const MATCHED: unique symbol = Symbol('matched');
export interface Matched {
  /**
   * The incidents the list's filter keeps: a set and the filter, or the overview incidents of a cut (sorted, see
   * `overviewSorted`) and an `OverviewFilter`. Answers are kept per set.
   */
  [MATCHED]?:
    | { model: IncidentSet<ListedIncident>; filter: IncidentFilter }
    | { overview: readonly Keyed<OverviewIncident>[]; filter: OverviewFilter };
}

/**
 * Whole-list answers on an incident list, for an overview: one pass over the matching incidents each,
 * whatever the page size (ask them with `first: 0`), from the same model and filter as the page.
 */
@Resolver(() => IncidentConnectionObject)
export class IncidentOverviewResolver {
  @ResolveField(() => [IncidentTallyObject], {
    description:
      'Every matching incident counted by status and readiness (the pairs that occur): counts by either, ' +
      'or both, are sums of these, in one request',
  })
  tally(@Parent() parent: IncidentConnectionObject & Matched): readonly IncidentTallyObject[] {
    const matched = parent[MATCHED];
    if (!matched) return [];
    return 'overview' in matched
      ? tallyOverview(matched.overview, matched.filter)
      : tallyIncidents(matched.model, matched.filter);
  }

  @ResolveField(() => IncidentMapObject, {
    description: 'Every matching incident as a map draws it: coordinates by status, and the countries to shade',
  })
  map(@Parent() parent: IncidentConnectionObject & Matched): IncidentMapObject {
    const matched = parent[MATCHED];
    if (!matched) return { countryCodes: [], groups: [], withoutCoordinates: 0 };
    return 'overview' in matched
      ? overviewMap(matched.overview, matched.filter)
      : incidentMap(matched.model, matched.filter);
  }
}
