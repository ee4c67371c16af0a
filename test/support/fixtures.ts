/** Small operation factories shared by the end-to-end suites. */
const sourceMutation = (name: string, input: string, fields: string) => /* GraphQL */ `
  mutation ($input: ${input}!) { ${name}(input: $input) { ${fields} } }`;
export const REGISTER_SOURCE = sourceMutation('registerSource', 'RegisterSourceInput', 'id name kind grade');
export const MERGE_SOURCES = sourceMutation('mergeSources', 'MergeSourcesInput', 'id name aliases mergedDuplicates');

export const ALLEGE_USE = /* GraphQL */ `
  mutation ($input: AllegeUseInput!) {
    allegeUse(input: $input) {
      id
      occurredFrom
      occurredTo
      reportedOn
      summary
      location {
        countryCode
        countryName
        placeName
      }
      munition {
        type
        delivery
      }
      allegedUser {
        kind
        stateCodes
        name
      }
      assessment {
        status
        readiness
        rule
        missing
        independentSupportingSources
        statusSince
        policyVersion
      }
      corroborations {
        id
        stance
        source {
          id
          name
          grade
        }
        publishedOn
      }
    }
  }
`;

export const sourceInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'Amnesty International',
  kind: 'NGO',
  grade: 'B',
  homepage: 'https://www.amnesty.org',
  ...overrides,
});

/** The seed's case: BL-755 cluster bombs in Yemen, alleged against the Saudi-led coalition. */
export const yemenAllegation = (sourceId: string, overrides: Record<string, unknown> = {}) => ({
  occurredFrom: '2015-05-01',
  occurredTo: '2016-01-06',
  location: {
    countryCode: 'YEM',
    placeName: 'Hajjah governorate',
    latitude: 15.69,
    longitude: 43.6,
    precisionMeters: 20000,
  },
  munition: { type: 'BL-755', delivery: 'AIR_DROPPED' },
  allegedUser: { kind: 'COALITION', stateCodes: ['SAU', 'ARE'], name: 'Saudi-led coalition' },
  casualties: { killed: 0, injured: 2 },
  summary: 'UK-made BL-755 cluster bombs (1970s) found near Hajjah; remnants photographed.',
  reportedOn: '2016-05-23',
  firstSource: {
    sourceId,
    evidenceKinds: ['REMNANT_PHOTO', 'WITNESS_TESTIMONY'],
    publishedOn: '2016-05-23',
    citation: { url: 'https://example.org/amnesty/2016-05-23-yemen-bl755' },
    summary: 'Amnesty International reports UK-made BL-755 remnants.',
  },
  ...overrides,
});

// ---------- Mutations after the allegation (incidents, corroborations, investigations, statements) ----------
const INCIDENT_FIELDS = /* GraphQL */ `
  id occurredFrom occurredTo summary mergedDuplicates
  location { countryCode placeName latitude longitude }
  munition { type delivery }
  allegedUser { kind stateCodes name }
  withdrawal { reason withdrawnOn }
  assessment { status readiness rule evidenceIds missing independentSupportingSources statusSince policyVersion }
  corroborations { id stance evidenceKinds publishedOn derivedFrom retractedOn retractionReason
    source { id name grade } }
  investigations { id outcome }
  statements { id kind speakers { stateCode } }
  corrections { fields reason correctedOn }`;

export const INVESTIGATION_FIELDS = /* GraphQL */ `
  id investigator { kind stateCode name } incidentIds mandate openedOn outcome findings concludedOn`;

export const STATEMENT_FIELDS = /* GraphQL */ `
  id speakers { stateCode name } onBehalfOf kind venue deliveredOn incidentIds namesUser quote
  citation { url archivedUrl archivedSha256 } corrections { fields reason correctedOn }`;

const incidentMutation = (name: string, inputType: string) => /* GraphQL */ `
  mutation ($input: ${inputType}!) { ${name}(input: $input) { ${INCIDENT_FIELDS} } }`;

export const CORRECT_INCIDENT = incidentMutation('correctIncident', 'CorrectIncidentInput');
export const MERGE_INCIDENTS = incidentMutation('mergeIncidents', 'MergeIncidentsInput');
export const WITHDRAW_INCIDENT = incidentMutation('withdrawIncident', 'WithdrawIncidentInput');
export const ADD_CORROBORATION = incidentMutation('addCorroboration', 'AddCorroborationInput');
export const RETRACT_CORROBORATION = incidentMutation('retractCorroboration', 'RetractCorroborationInput');
export const INCIDENT = /* GraphQL */ `query ($id: ID!) { incident(id: $id) { ${INCIDENT_FIELDS} } }`;

export const OPEN_INVESTIGATION = /* GraphQL */ `
  mutation ($input: OpenInvestigationInput!) { openInvestigation(input: $input) { ${INVESTIGATION_FIELDS} } }`;
export const CONCLUDE_INVESTIGATION = /* GraphQL */ `
  mutation ($input: ConcludeInvestigationInput!) { concludeInvestigation(input: $input) { ${INVESTIGATION_FIELDS} } }`;
export const INVESTIGATION = /* GraphQL */ `query ($id: ID!) { investigation(id: $id) { ${INVESTIGATION_FIELDS} } }`;

export const RECORD_STATEMENT = /* GraphQL */ `
  mutation ($input: RecordStatementInput!) { recordStatement(input: $input) { ${STATEMENT_FIELDS} } }`;
export const CORRECT_STATEMENT = /* GraphQL */ `
  mutation ($input: CorrectStatementInput!) { correctStatement(input: $input) { ${STATEMENT_FIELDS} } }`;
export const STATEMENT = /* GraphQL */ `query ($id: ID!) { statement(id: $id) { ${STATEMENT_FIELDS} } }`;

export const corroborationInput = (incidentId: string, sourceId: string, overrides: Record<string, unknown> = {}) => ({
  incidentId,
  sourceId,
  stance: 'SUPPORTS',
  evidenceKinds: ['EXPERT_IDENTIFICATION'],
  publishedOn: '2016-05-25',
  citation: {
    url: 'https://example.org/hrw/2016-05-25-yemen-bl755',
    archivedUrl: 'https://web.archive.org/web/2016/https://example.org/hrw/2016-05-25-yemen-bl755',
    archivedSha256: 'a'.repeat(64),
  },
  summary: 'Human Rights Watch confirms the weapon type: BL-755.',
  ...overrides,
});

export const investigationInput = (incidentIds: string[], overrides: Record<string, unknown> = {}) => ({
  investigator: { kind: 'STATE', stateCode: 'GBR' },
  incidentIds,
  mandate: 'A full investigation into the use of UK-made BL-755 cluster bombs in Yemen.',
  openedOn: '2016-05-24',
  ...overrides,
});

export const statementInput = (incidentIds: string[], overrides: Record<string, unknown> = {}) => ({
  speakers: ['GBR'],
  kind: 'INVESTIGATION_ANNOUNCED',
  venue: 'NATIONAL',
  deliveredOn: '2016-05-24',
  incidentIds,
  namesUser: true,
  quote: 'We will carry out a full investigation on the matter.',
  citation: { url: 'https://example.org/gov-uk/2016-05-24-statement' },
  ...overrides,
});

/** A refusal: the first error's `extensions.code`, and its `field` when one is expected. */
export function expectRefusal(
  res: { errors?: { extensions?: Record<string, unknown> }[] },
  code: string,
  field?: string,
): void {
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
  if (field !== undefined) expect(res.errors?.[0]?.extensions?.field).toBe(field);
}

/** Every field of a statement, as lists of statements show it (compared whole between two ways of answering). */
/** Every field of an incident but its nested lists of investigations, statements and corrections. */
export const INCIDENT_EVERY_FIELD = /* GraphQL */ `
  id revision occurredFrom occurredTo reportedOn recordedAt mergedDuplicates summary situationId
  location { countryCode countryName placeName latitude longitude }
  munition { type delivery } allegedUser { kind stateCodes name } casualties { killed injured }
  withdrawal { reason withdrawnOn }
  assessment {
    status readiness rule reasons evidenceIds missing statusSince independentSupportingSources policyVersion
  }
  statusHistory { status readiness on rule evidenceIds eventIds } firstCorroboratedOn firstConfirmedOn
  corroborations {
    id source { id name grade } stance evidenceKinds publishedOn citation { url archivedUrl archivedSha256 }
    derivedFrom summary credibility geolocationPrecisionMeters retractedOn retractionReason recordedAt
  }
`;

export const STATEMENT_NODE = /* GraphQL */ `
  id revision speakers { stateCode name ccmStatus } onBehalfOf kind venue deliveredOn incidentIds namesUser
  scope { incidentIds situationIds allegedUser { stateCodes name } generic }
  quote citation { url } corrections { fields reason correctedOn } recordedAt
`;
/** A page of statements with every field, its cursors and count. */
export const STATEMENT_PAGE = /* GraphQL */ `
  query ($filter: StatementFilterInput, $first: Int, $after: String, $orderBy: StatementOrderInput) {
    statements(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor speaker node { ${STATEMENT_NODE} } }
    }
  }
`;
