import { stringify } from 'csv-stringify/sync';
import { milestonesOf, type StatementTexts } from '@app/projections';
import type { IncidentAtCut, StatementAtCut } from '@app/read-store';
import { INCIDENT_DETAIL_COLUMNS } from '../incident-columns';

/** Canonical incidents (merged duplicates fold into theirs), by occurrence date then id. */
export function incidentsOf(incidents: readonly IncidentAtCut[]): IncidentAtCut[] {
  return [...incidents].sort((a, b) =>
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

function incidentRecord(i: IncidentAtCut): Record<(typeof INCIDENT_COLUMNS)[number], unknown> {
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

export function incidentsCsv(incidents: readonly IncidentAtCut[]): string {
  return stringify(incidentsOf(incidents).map(incidentRecord), { header: true, columns: [...INCIDENT_COLUMNS] });
}

/** A FeatureCollection: one Feature per incident (geometry null where no coordinates were logged). */
export function incidentsGeoJson(incidents: readonly IncidentAtCut[]): string {
  const features = incidentsOf(incidents).map((i) => {
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

/** Statements as CSV lines (`header`: the column names first), each with its words as of the same cut. */
export function statementLines(statements: readonly (StatementAtCut & StatementTexts)[], header: boolean): string {
  const rows = statements.map((s) => ({
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
    header,
    columns: [...STATEMENT_COLUMNS],
    cast: { boolean: (value) => String(value) },
  });
}
