import { stringify } from 'csv-stringify/sync';
import { type IncidentView, milestonesOf, type RegistryModel } from '@app/projections';
import { INCIDENT_DETAIL_COLUMNS } from '../incident-columns';

/** Canonical incidents (merged duplicates fold into theirs), by occurrence date then id. */
export function incidentsOf(model: RegistryModel): IncidentView[] {
  return [...model.incidents.values()]
    .filter((i) => !i.mergedInto)
    .sort((a, b) =>
      a.details.occurredFrom === b.details.occurredFrom
        ? a.incidentId < b.incidentId
          ? -1
          : 1
        : a.details.occurredFrom < b.details.occurredFrom
          ? -1
          : 1,
    );
}

const list = (values: readonly string[] | undefined) => (values ?? []).join(';');

export const INCIDENT_COLUMNS = [
  'id',
  'status',
  'readiness',
  'rule',
  'statusSince',
  'firstConfirmedOn',
  'policyVersion',
  'independentSupportingSources',
  'missing',
  ...INCIDENT_DETAIL_COLUMNS,
  'withdrawnOn',
  'mergedDuplicates',
] as const;

function incidentRecord(i: IncidentView): Record<(typeof INCIDENT_COLUMNS)[number], unknown> {
  const { details: d, assessment: a } = i;
  return {
    id: i.incidentId,
    status: a.status,
    readiness: a.readiness,
    rule: a.rule,
    statusSince: a.statusSince,
    firstConfirmedOn: milestonesOf(i).confirmedOn,
    policyVersion: a.policyVersion,
    independentSupportingSources: a.independentSupportingSources,
    missing: a.missing.join(' | '),
    occurredFrom: d.occurredFrom,
    occurredTo: d.occurredTo,
    countryCode: d.location.countryCode,
    placeName: d.location.placeName,
    latitude: d.location.latitude,
    longitude: d.location.longitude,
    precisionMeters: d.location.precisionMeters,
    munitionType: d.munition.type,
    delivery: d.munition.delivery,
    allegedUserKind: d.allegedUser.kind,
    allegedUserStates: list(d.allegedUser.stateCodes),
    allegedUserName: d.allegedUser.name,
    killed: d.casualties?.killed,
    injured: d.casualties?.injured,
    summary: d.summary,
    reportedOn: i.reportedOn,
    withdrawnOn: i.withdrawal?.withdrawnOn,
    mergedDuplicates: list(i.mergedDuplicates),
  };
}

export function incidentsCsv(model: RegistryModel): string {
  return stringify(incidentsOf(model).map(incidentRecord), { header: true, columns: [...INCIDENT_COLUMNS] });
}

/** A FeatureCollection: one Feature per incident (geometry null where no coordinates were logged). */
export function incidentsGeoJson(model: RegistryModel): string {
  const features = incidentsOf(model).map((i) => {
    const { latitude, longitude } = i.details.location;
    const point = latitude !== undefined && longitude !== undefined;
    return {
      type: 'Feature',
      id: i.incidentId,
      geometry: point ? { type: 'Point', coordinates: [longitude, latitude] } : null,
      properties: { ...incidentRecord(i), missing: i.assessment.missing, reasons: i.assessment.reasons },
    };
  });
  return `${JSON.stringify({ type: 'FeatureCollection', features }, null, 1)}\n`;
}

export const STATEMENT_COLUMNS = [
  'id',
  'deliveredOn',
  'kind',
  'venue',
  'speakers',
  'onBehalfOf',
  'incidentIds',
  'namesUser',
  'quote',
  'citationUrl',
  'archivedUrl',
] as const;

export function statementsCsv(model: RegistryModel): string {
  const rows = [...model.statements.values()]
    .sort((a, b) => (a.deliveredOn === b.deliveredOn ? a.seq - b.seq : a.deliveredOn < b.deliveredOn ? -1 : 1))
    .map((s) => ({
      id: s.statementId,
      deliveredOn: s.deliveredOn,
      kind: s.kind,
      venue: s.venue,
      speakers: list(s.speakers),
      onBehalfOf: s.onBehalfOf,
      incidentIds: list(s.incidentIds),
      namesUser: s.namesUser,
      quote: s.quote,
      citationUrl: s.citation.url,
      archivedUrl: s.citation.archivedUrl,
    }));
  return stringify(rows, {
    header: true,
    columns: [...STATEMENT_COLUMNS],
    cast: { boolean: (value) => String(value) },
  });
}
