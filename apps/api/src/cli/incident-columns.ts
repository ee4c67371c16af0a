/**
 * An incident's details as CSV columns: one list for the export and the import, so that a column means the
 * same thing under the same name in the files a researcher reads and the files they write.
 */
export const INCIDENT_DETAIL_COLUMNS = [
  'occurredFrom',
  'occurredTo',
  'countryCode',
  'placeName',
  'latitude',
  'longitude',
  'precisionMeters',
  'munitionType',
  'delivery',
  'allegedUserKind',
  'allegedUserStates',
  'allegedUserName',
  'killed',
  'injured',
  'summary',
  'reportedOn',
] as const;
