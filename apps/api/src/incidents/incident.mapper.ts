import { investigationsOf, type IncidentView, lazyProperty, type RegistryModel, statementsOf } from '@app/projections';
import type { ReferenceData } from '../reference/reference-data';
import { toInvestigationObject } from '../investigations/investigation.mapper';
import { toStatementObject } from '../statements/statement.mapper';
import { toCorrectionObject } from './objects/correction.object';
import type { CorroborationObject, IncidentObject } from './objects/incident.object';

type IncidentLists = Pick<IncidentObject, 'corroborations' | 'investigations' | 'statements' | 'corrections'>;

export interface IncidentMapping {
  /**
   * Build the nested lists only when a query reads them (an incident has ~100 statements, and most
   * queries select none). For queries, which read the model they were given straight away; payloads kept
   * for later (subscriptions) take a snapshot instead.
   */
  lazyLists?: boolean;
}

/** Read model -> GraphQL object. Plain data in, plain data out. */
export function toIncidentObject(view: IncidentView, model: RegistryModel, reference: ReferenceData,
  mapping: IncidentMapping = {}): IncidentObject {
  const d = view.details;
  const lists: { [K in keyof IncidentLists]: () => IncidentLists[K] } = {
    corroborations: () => {
      const out: CorroborationObject[] = [];
      for (const id of view.corroborationIds) {
        const c = model.corroborations.get(id);
        if (c) out.push(toCorroborationObject(c, model));
      }
      return out;
    },
    investigations: () => investigationsOf(model, view).map((i) => toInvestigationObject(i, model, reference)),
    statements: () => statementsOf(model, view).map((st) => toStatementObject(st, model, reference)),
    corrections: () => view.corrections.map(toCorrectionObject),
  };
  const object: Omit<IncidentObject, keyof IncidentLists> = {
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
    recordedAt: view.recordedAt,
  };
  const incident = object as IncidentObject;
  for (const key of Object.keys(lists) as (keyof IncidentLists)[]) {
    if (mapping.lazyLists) lazyProperty(incident, key, lists[key]);
    else (incident as unknown as Record<string, unknown>)[key] = lists[key]();
  }
  return incident;
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
