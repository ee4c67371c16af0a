import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { findIncident } from '@app/projections';
import { notFound } from '@app/domain';
import { ReadModelService } from '../read-model/read-model.service';
import { ReferenceData } from '../reference/reference-data';
import { toIncidentObject } from '../incidents/incident.mapper';
import { IncidentObject } from '../incidents/objects/incident.object';

/** Read-side queries about incidents (the mutations live in incidents/). */
@Resolver(() => IncidentObject)
export class IncidentQueriesResolver {
  constructor(private readonly readModel: ReadModelService, private readonly reference: ReferenceData) {}

  @Query(() => IncidentObject, { description: 'One incident; a merged duplicate id resolves to the canonical incident' })
  incident(@Args('id', { type: () => ID }) id: string): IncidentObject {
    const model = this.readModel.model;
    const view = findIncident(model, id);
    if (!view) throw notFound(`No incident with id ${id}`, 'id');
    return toIncidentObject(view, model, this.reference);
  }
}
