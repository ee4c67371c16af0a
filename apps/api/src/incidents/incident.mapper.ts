import type { IncidentView, RegistryModel } from '@app/projections';
import type { ReferenceData } from '../reference/reference-data';
import { toInvestigationObject } from '../investigations/investigation.mapper';
import { toStatementObject } from '../statements/statement.mapper';
import { toCorrectionObject } from './objects/correction.object';
import type { CorroborationObject, IncidentObject } from './objects/incident.object';

/** Read model -> GraphQL object. Plain data in, plain data out; nested lists are built eagerly (they are short). */
export function toIncidentObject(view: IncidentView, model: RegistryModel, reference: ReferenceData): IncidentObject {
  const d = view.details;
  return {
    id: view.incidentId,
    revision: view.revision,
    occurredFrom: d.occurredFrom,
    occurredTo: d.occurredTo,
    location: { ...d.location, countryName: reference.countries.get(d.location.countryCode) },
    munition: d.munition,
    allegedUser: d.allegedUser,
    casualties: d.casualties,
    summary: d.summary,
    reportedOn: view.reportedOn,
    mergedDuplicates: view.mergedDuplicates,
    withdrawal: view.withdrawal,
    assessment: view.assessment,
    statusHistory: view.statusHistory,
    corroborations: view.corroborationIds.flatMap((id) => {
      const c = model.corroborations.get(id);
      return c ? [toCorroborationObject(c, model)] : [];
    }),
    investigations: [...view.investigationIds]
      .flatMap((id) => model.investigations.get(id) ?? [])
      .sort((a, b) => a.openedOn.localeCompare(b.openedOn))
      .map((i) => toInvestigationObject(i, model, reference)),
    statements: [...view.statementIds]
      .flatMap((id) => model.statements.get(id) ?? [])
      .sort((a, b) => a.deliveredOn.localeCompare(b.deliveredOn))
      .map((st) => toStatementObject(st, model, reference)),
    corrections: view.corrections.map(toCorrectionObject),
    recordedAt: view.recordedAt,
  };
}

function toCorroborationObject(c: NonNullable<ReturnType<RegistryModel['corroborations']['get']>>, model: RegistryModel): CorroborationObject {
  const source = model.sources.get(c.sourceId);
  return {
    id: c.corroborationId,
    source: { id: c.sourceId, name: source?.name ?? c.sourceId, grade: source?.grade ?? 'F' },
    stance: c.stance,
    evidenceKinds: c.evidenceKinds,
    publishedOn: c.publishedOn,
    citation: c.citation,
    derivedFrom: c.derivedFrom,
    summary: c.summary,
    retractedOn: c.retraction?.retractedOn ?? null,
    retractionReason: c.retraction?.reason ?? null,
    recordedAt: c.recordedAt,
  };
}
