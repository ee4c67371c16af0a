import { ResolveField, Resolver, Parent } from '@nestjs/graphql';
import {
  type IncidentFilter,
  type IncidentSet,
  incidentMap,
  type ListedIncident,
  tallyIncidents,
} from '@app/projections';
import { IncidentMapObject, IncidentTallyObject } from './objects/incident-overview.objects';
import { IncidentConnectionObject } from './objects/incident-read.objects';

/** What a connection matched, beyond its page: kept on the object under a symbol (GraphQL and JSON never see it). */
export const MATCHED: unique symbol = Symbol('matched');
export interface Matched {
  [MATCHED]?: { model: IncidentSet<ListedIncident>; filter: IncidentFilter };
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
    return matched ? tallyIncidents(matched.model, matched.filter) : [];
  }

  @ResolveField(() => IncidentMapObject, {
    description: 'Every matching incident as a map draws it: coordinates by status, and the countries to shade',
  })
  map(@Parent() parent: IncidentConnectionObject & Matched): IncidentMapObject {
    const matched = parent[MATCHED];
    return matched
      ? incidentMap(matched.model, matched.filter)
      : { countryCodes: [], groups: [], withoutCoordinates: 0 };
  }
}
