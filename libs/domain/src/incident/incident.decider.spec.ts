import type { IncidentCommand } from '../commands';
import type { IncidentWithdrawn } from '../events';
import { deciderSpec } from '../testing/decider-spec';
import { incidentDecider } from './incident.decider';
import { allegeUse, amnestyReport, hrwAdded, mergedIntoI2, useAlleged } from './incident.fixtures';

const spec = deciderSpec(incidentDecider);
const base = allegeUse().data;

describe('incident decider: AllegeUse', () => {
  it('records the allegation with its first source', () => {
    spec.given().when(allegeUse()).then(useAlleged);
  });
  it('keeps only the fields the event names', () => {
    const sloppy = { ...base, idempotencyKey: 'k', casualties: undefined } as typeof base;
    spec.given().when({ type: 'AllegeUse', data: sloppy }).then(useAlleged);
  });
  it('accepts a single day, an unknown user and coordinates', () => {
    const data = {
      occurredFrom: '2016-05-23',
      occurredTo: '2016-05-23',
      allegedUser: { kind: 'UNKNOWN' as const, stateCodes: [] },
      location: { countryCode: 'YEM', placeName: 'Sanaa', latitude: 15.35, longitude: 44.2, precisionMeters: 500 },
      casualties: { killed: 0, injured: 3 },
    };
    spec
      .given()
      .when(allegeUse(data))
      .then({ type: 'UseAlleged', data: { ...base, ...data } });
  });
  it('refuses an incident that already exists', () => {
    spec.given(useAlleged).when(allegeUse()).thenFails('CONFLICT', 'incidentId');
  });

  const refusals: [string, Parameters<typeof allegeUse>[0], string][] = [
    ['a report dated in the future', { reportedOn: '2025-06-02' }, 'reportedOn'],
    ['a use ending in the future', { occurredTo: '2025-07-01' }, 'occurredTo'],
    ['a malformed date', { occurredFrom: '2015-13-01' }, 'occurredFrom'],
    ['a range that ends before it starts', { occurredFrom: '2016-02-01', occurredTo: '2016-01-31' }, 'occurredTo'],
    ['a report before the use began', { reportedOn: '2015-05-31' }, 'reportedOn'],
    ['an unknown country', { location: { countryCode: 'XYZ', placeName: 'Nowhere' } }, 'location.countryCode'],
    [
      'a latitude without longitude',
      { location: { countryCode: 'YEM', placeName: 'x', latitude: 15 } },
      'location.longitude',
    ],
    [
      'a latitude out of range',
      { location: { countryCode: 'YEM', placeName: 'x', latitude: 91, longitude: 44 } },
      'location.latitude',
    ],
    ['negative casualties', { casualties: { killed: -1 } }, 'casualties.killed'],
    [
      'a STATE user with two codes',
      { allegedUser: { kind: 'STATE', stateCodes: ['SAU', 'ARE'] } },
      'allegedUser.stateCodes',
    ],
    ['a STATE user with no code', { allegedUser: { kind: 'STATE', stateCodes: [] } }, 'allegedUser.stateCodes'],
    // Issue 12: a coalition known by its lead State alone is accepted when named (see below); unnamed it is refused.
    [
      'a COALITION of one without a name',
      { allegedUser: { kind: 'COALITION', stateCodes: ['SAU'] } },
      'allegedUser.name',
    ],
    [
      'a COALITION with no known member',
      { allegedUser: { kind: 'COALITION', stateCodes: [], name: 'Coalition' } },
      'allegedUser.stateCodes',
    ],
    [
      'an unknown supplier State',
      { munition: { type: 'BL-755', delivery: 'AIR_DROPPED', supplierStateCodes: ['GBX'] } },
      'munition.supplierStateCodes',
    ],
    [
      'a credibility of 7',
      { firstCorroboration: { ...amnestyReport, credibility: 7 as 1 } },
      'firstCorroboration.credibility',
    ],
    [
      'a COALITION naming a State twice',
      { allegedUser: { kind: 'COALITION', stateCodes: ['SAU', 'SAU'] } },
      'allegedUser.stateCodes',
    ],
    [
      'an UNKNOWN user with a code',
      { allegedUser: { kind: 'UNKNOWN', stateCodes: ['SAU'] } },
      'allegedUser.stateCodes',
    ],
    [
      'an armed group without a name',
      { allegedUser: { kind: 'NON_STATE_ARMED_GROUP', stateCodes: [], name: ' ' } },
      'allegedUser.name',
    ],
    [
      'an unknown state code for the user',
      { allegedUser: { kind: 'STATE', stateCodes: ['SAX'] } },
      'allegedUser.stateCodes',
    ],
    [
      'a first source published in the future',
      { firstCorroboration: { ...amnestyReport, publishedOn: '2025-06-02' } },
      'firstCorroboration.publishedOn',
    ],
    [
      'a bad SHA-256',
      { firstCorroboration: { ...amnestyReport, citation: { url: 'u', archivedSha256: 'abc' } } },
      'firstCorroboration.citation.archivedSha256',
    ],
    [
      'a first source derived from itself',
      { firstCorroboration: { ...amnestyReport, derivedFrom: 'c1' } },
      'firstCorroboration.derivedFrom',
    ],
  ];
  it.each(refusals)('refuses %s', (_, data, field) => {
    spec.given().when(allegeUse(data)).thenFails('BAD_USER_INPUT', field);
  });
  it('accepts a named coalition known by its lead State, and a munition with its producer and supplier', () => {
    const allegedUser = { kind: 'COALITION' as const, stateCodes: ['SAU'], name: 'Saudi Arabia-led coalition' };
    const munition = {
      type: 'BL-755',
      delivery: 'AIR_DROPPED' as const,
      producerStateCodes: ['GBR'],
      supplierStateCodes: ['GBR'],
    };
    spec
      .given()
      .when(allegeUse({ allegedUser, munition }))
      .then({ type: 'UseAlleged', data: { ...base, allegedUser, munition } });
  });
  it('accepts an armed group with a name', () => {
    const allegedUser = { kind: 'NON_STATE_ARMED_GROUP' as const, stateCodes: [], name: 'Islamic State' };
    spec
      .given()
      .when(allegeUse({ allegedUser }))
      .then({ type: 'UseAlleged', data: { ...base, allegedUser } });
  });
  it('refuses a first source derived from a corroboration that does not exist', () => {
    spec
      .given()
      .when(allegeUse({ firstCorroboration: { ...amnestyReport, derivedFrom: 'c0' } }))
      .thenFails('NOT_FOUND', 'firstCorroboration.derivedFrom');
  });
});

describe('incident decider: WithdrawIncident', () => {
  const withdraw = (withdrawnOn = '2017-01-10'): IncidentCommand => ({
    type: 'WithdrawIncident',
    data: { incidentId: 'i1', reason: 'logged in error', withdrawnOn },
  });
  const withdrawn: IncidentWithdrawn = {
    type: 'IncidentWithdrawn',
    data: { incidentId: 'i1', reason: 'logged in error', withdrawnOn: '2017-01-10' },
  };

  it('withdraws an incident', () => {
    spec.given(useAlleged).when(withdraw()).then(withdrawn);
  });
  it('refuses to withdraw twice', () => {
    spec.given(useAlleged, withdrawn).when(withdraw('2017-02-01')).thenFails('CONFLICT', 'incidentId');
  });
  it('refuses a withdrawal dated in the future', () => {
    spec.given(useAlleged).when(withdraw('2030-01-01')).thenFails('BAD_USER_INPUT', 'withdrawnOn');
  });
  it('refuses to withdraw a missing incident', () => {
    spec.given().when(withdraw()).thenFails('NOT_FOUND', 'incidentId');
  });
  it('refuses to withdraw a merged duplicate, naming the canonical incident', () => {
    const error = spec.given(useAlleged, mergedIntoI2).when(withdraw()).thenFails('CONFLICT', 'incidentId');
    expect(error.message).toContain('i2');
  });
  it('still takes corroborations after a withdrawal (new evidence may come)', () => {
    spec.given(useAlleged, withdrawn).when({ type: 'AddCorroboration', data: hrwAdded.data }).then(hrwAdded);
  });
});
