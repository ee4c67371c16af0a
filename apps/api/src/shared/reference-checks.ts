import { Injectable } from '@nestjs/common';
import { notFound } from '@app/domain';
import { findIncident } from '@app/projections';
import { ReadModelService } from '../read-model/read-model.service';
import { ReferenceData } from '../reference/reference-data';

/**
 * Existence checks for what a command refers to in OTHER aggregates (NOT_FOUND otherwise), against this
 * instance's read model: up to date with this instance's own writes unless it is late (README, Operations,
 * read-your-writes), when a reference it has not shown yet is refused and nothing is written.
 */
@Injectable()
export class ReferenceChecks {
  constructor(
    private readonly readModel: ReadModelService,
    private readonly reference: ReferenceData,
  ) {}

  source(id: string, field: string): void {
    if (!this.readModel.model.sources.has(id)) throw notFound(`No source with id ${id}`, field);
  }

  /** Returns the canonical id (a merged duplicate resolves to the incident it was merged into). */
  incident(id: string, field: string): string {
    const incident = findIncident(this.readModel.model, id);
    if (!incident) throw notFound(`No incident with id ${id}`, field);
    return incident.incidentId;
  }

  incidents(ids: string[], field: string): string[] {
    return [...new Set(ids.map((id) => this.incident(id, field)))];
  }

  /** The incident a corroboration of `incidentId` (canonical) was logged on: itself or a merged duplicate. */
  corroborationOf(incidentId: string, corroborationId: string, field: string): string {
    const corroboration = this.readModel.model.corroborations.get(corroborationId);
    if (!corroboration || corroboration.incidentId !== incidentId) {
      throw notFound(`No corroboration ${corroborationId} on incident ${incidentId}`, field);
    }
    return corroboration.originalIncidentId;
  }

  investigation(id: string, field: string): void {
    if (!this.readModel.model.investigations.has(id)) throw notFound(`No investigation with id ${id}`, field);
  }

  statement(id: string, field: string): void {
    if (!this.readModel.model.statements.has(id)) throw notFound(`No statement with id ${id}`, field);
  }

  situation(id: string, field: string): void {
    if (!this.readModel.model.situations.has(id)) throw notFound(`No situation with id ${id}`, field);
  }

  states(codes: string[], field: string): void {
    const unknown = codes.find((code) => !this.reference.isKnownCountry(code));
    if (unknown) throw notFound(`No State with ISO 3166-1 alpha-3 code ${unknown}`, field);
  }
}
