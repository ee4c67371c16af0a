/** Small operation factories shared by the end-to-end suites. */
export const REGISTER_SOURCE = /* GraphQL */ `
  mutation ($input: RegisterSourceInput!) { registerSource(input: $input) { id name kind grade } }`;

export const ALLEGE_USE = /* GraphQL */ `
  mutation ($input: AllegeUseInput!) {
    allegeUse(input: $input) {
      id occurredFrom occurredTo reportedOn summary
      location { countryCode countryName placeName }
      munition { type delivery }
      allegedUser { kind stateCodes name }
      assessment { status readiness rule missing independentSupportingSources statusSince policyVersion }
      corroborations { id stance source { id name grade } publishedOn }
    }
  }`;

export const sourceInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'Amnesty International', kind: 'NGO', grade: 'B', homepage: 'https://www.amnesty.org', ...overrides,
});

/** The seed's case: BL-755 cluster bombs in Yemen, alleged against the Saudi-led coalition. */
export const yemenAllegation = (sourceId: string, overrides: Record<string, unknown> = {}) => ({
  occurredFrom: '2015-05-01',
  occurredTo: '2016-01-06',
  location: { countryCode: 'YEM', placeName: 'Hajjah governorate', latitude: 15.69, longitude: 43.6, precisionMeters: 20000 },
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
