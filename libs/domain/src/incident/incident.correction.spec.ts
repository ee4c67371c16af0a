import type { CorrectIncident, MergeIncidents } from '../commands';
import type { IncidentCorrected } from '../events';
import { deciderSpec } from '../testing/decider-spec';
import { incidentDecider } from './incident.decider';
import { allegeUse, mergedIntoI2, useAlleged } from './incident.fixtures';

const spec = deciderSpec(incidentDecider);
const correct = (changes: CorrectIncident['data']['changes'], correctedOn = '2016-06-10'): CorrectIncident => ({
  type: 'CorrectIncident',
  data: { incidentId: 'i1', changes, reason: 'better location', correctedOn },
});

describe('incident decider: CorrectIncident', () => {
  const saada = { countryCode: 'YEM', placeName: 'Saada governorate' };
  const corrected: IncidentCorrected = {
    type: 'IncidentCorrected',
    data: { incidentId: 'i1', changes: { location: saada }, reason: 'better location', correctedOn: '2016-06-10' },
  };

  it('records only the fields that really change', () => {
    spec
      .given(useAlleged)
      .when(correct({ location: saada, summary: allegeUse().data.summary, occurredFrom: undefined }))
      .then(corrected);
  });
  it('diffs against the details as already corrected', () => {
    spec
      .given(useAlleged, corrected)
      .when(correct({ location: saada }))
      .thenFails('BAD_USER_INPUT', 'changes');
    spec
      .given(useAlleged, corrected)
      .when(correct({ location: allegeUse().data.location }))
      .then({
        ...corrected,
        data: { ...corrected.data, changes: { location: allegeUse().data.location } },
      });
  });
  it('refuses a correction that changes nothing', () => {
    spec
      .given(useAlleged)
      .when(correct({ munition: { type: 'BL-755', delivery: 'AIR_DROPPED' } }))
      .thenFails('BAD_USER_INPUT', 'changes');
  });
  it('ignores fields that are not incident details', () => {
    spec
      .given(useAlleged)
      .when(correct({ reportedOn: '2016-01-01' } as CorrectIncident['data']['changes']))
      .thenFails('BAD_USER_INPUT', 'changes');
  });
  it('checks the corrected whole: the range must stay ordered', () => {
    spec
      .given(useAlleged)
      .when(correct({ occurredTo: '2015-05-01' }))
      .thenFails('BAD_USER_INPUT', 'occurredTo');
  });
  it('checks the corrected whole: the use cannot start after it was reported', () => {
    spec
      .given(useAlleged)
      .when(correct({ occurredFrom: '2016-05-24', occurredTo: '2016-05-24' }))
      .thenFails('BAD_USER_INPUT', 'occurredFrom');
  });
  it('checks the corrected whole: the alleged user rules', () => {
    spec
      .given(useAlleged)
      .when(correct({ allegedUser: { kind: 'STATE', stateCodes: ['SAU', 'ARE'] } }))
      .thenFails('BAD_USER_INPUT', 'allegedUser.stateCodes');
  });
  it('refuses a correction dated in the future', () => {
    spec
      .given(useAlleged)
      .when(correct({ location: saada }, '2025-06-02'))
      .thenFails('BAD_USER_INPUT', 'correctedOn');
  });
  it('refuses to correct a missing incident', () => {
    spec
      .given()
      .when(correct({ location: saada }))
      .thenFails('NOT_FOUND', 'incidentId');
  });
  it('refuses to correct a merged duplicate', () => {
    spec
      .given(useAlleged, mergedIntoI2)
      .when(correct({ location: saada }))
      .thenFails('CONFLICT', 'incidentId');
  });
});

describe('incident decider: MergeIncidents', () => {
  const merge = (canonicalIncidentId = 'i2', mergedOn = '2016-06-01'): MergeIncidents => ({
    type: 'MergeIncidents',
    data: { duplicateIncidentId: 'i1', canonicalIncidentId, reason: 'same attack', mergedOn },
  });

  it('folds the duplicate into the canonical incident, on the duplicate stream', () => {
    spec.given(useAlleged).when(merge()).then(mergedIntoI2);
  });
  it('refuses to merge an incident into itself', () => {
    spec.given(useAlleged).when(merge('i1')).thenFails('BAD_USER_INPUT', 'canonicalIncidentId');
  });
  it('refuses to merge a missing duplicate', () => {
    spec.given().when(merge()).thenFails('NOT_FOUND', 'duplicateIncidentId');
  });
  it('refuses to merge a duplicate twice, naming where it went', () => {
    const error = spec.given(useAlleged, mergedIntoI2).when(merge('i3')).thenFails('CONFLICT', 'duplicateIncidentId');
    expect(error.message).toContain('merged into incident i2');
  });
  it('refuses a merge dated in the future', () => {
    spec.given(useAlleged).when(merge('i2', '2025-06-02')).thenFails('BAD_USER_INPUT', 'mergedOn');
  });
});
