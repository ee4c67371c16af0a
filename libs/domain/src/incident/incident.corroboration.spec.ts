import type { AddCorroboration, RetractCorroboration } from '../commands';
import type { CorroborationRetracted } from '../events';
import { deciderSpec } from '../testing/decider-spec';
import { incidentDecider } from './incident.decider';
import { hrwAdded, hrwReport, mergedIntoI2, useAlleged } from './incident.fixtures';

const spec = deciderSpec(incidentDecider);
const add = (data: Partial<AddCorroboration['data']> = {}): AddCorroboration => ({
  type: 'AddCorroboration',
  data: { incidentId: 'i1', ...hrwReport, ...data },
});
const retract = (corroborationId = 'c2', retractedOn = '2016-07-01'): RetractCorroboration => ({
  type: 'RetractCorroboration',
  data: { incidentId: 'i1', corroborationId, reason: 'misidentified', retractedOn },
});
const retracted: CorroborationRetracted = { type: 'CorroborationRetracted', data: retract().data };

describe('incident decider: AddCorroboration', () => {
  it('adds a corroboration to the incident stream', () => {
    spec.given(useAlleged).when(add()).then(hrwAdded);
  });
  it('adds a disputing corroboration with an archived copy', () => {
    const data = {
      stance: 'DISPUTES' as const,
      derivedFrom: undefined,
      citation: {
        url: 'https://example.org/a',
        archivedUrl: 'https://web.archive.org/a',
        archivedSha256: 'ab'.repeat(32),
      },
    };
    spec
      .given(useAlleged)
      .when(add(data))
      .then({ type: 'CorroborationAdded', data: { ...hrwAdded.data, ...data } });
  });
  it('accepts derived reporting of the first source', () => {
    spec
      .given(useAlleged)
      .when(add({ derivedFrom: 'c1' }))
      .then({ type: 'CorroborationAdded', data: { ...hrwAdded.data, derivedFrom: 'c1' } });
  });
  it('accepts derived reporting of a later corroboration', () => {
    spec
      .given(useAlleged, hrwAdded)
      .when(add({ corroborationId: 'c3', derivedFrom: 'c2' }))
      .then({ type: 'CorroborationAdded', data: { ...hrwAdded.data, corroborationId: 'c3', derivedFrom: 'c2' } });
  });
  it('accepts derived reporting of a corroboration of an incident merged into this one, not in the event', () => {
    spec
      .given(useAlleged)
      .when(add({ derivedFrom: 'd1', mergedCorroborationIds: ['d1'] }))
      .then({ type: 'CorroborationAdded', data: { ...hrwAdded.data, derivedFrom: 'd1' } });
  });
  it('refuses derived reporting of an unknown corroboration', () => {
    spec
      .given(useAlleged)
      .when(add({ derivedFrom: 'c9' }))
      .thenFails('NOT_FOUND', 'derivedFrom');
  });
  it('refuses a corroboration derived from itself', () => {
    spec
      .given(useAlleged)
      .when(add({ derivedFrom: 'c2' }))
      .thenFails('BAD_USER_INPUT', 'derivedFrom');
  });
  it('refuses a publication date in the future', () => {
    spec
      .given(useAlleged)
      .when(add({ publishedOn: '2025-06-02' }))
      .thenFails('BAD_USER_INPUT', 'publishedOn');
  });
  it('refuses an evidence kind listed twice', () => {
    spec
      .given(useAlleged)
      .when(add({ evidenceKinds: ['VIDEO', 'VIDEO'] }))
      .thenFails('BAD_USER_INPUT', 'evidenceKinds');
  });
  it('refuses an id already used on the incident', () => {
    spec.given(useAlleged, hrwAdded).when(add()).thenFails('CONFLICT', 'corroborationId');
    spec
      .given(useAlleged)
      .when(add({ corroborationId: 'c1' }))
      .thenFails('CONFLICT', 'corroborationId');
  });
  it('refuses a corroboration of a missing incident', () => {
    spec.given().when(add()).thenFails('NOT_FOUND', 'incidentId');
  });
  it('refuses a corroboration of a merged duplicate', () => {
    spec.given(useAlleged, mergedIntoI2).when(add()).thenFails('CONFLICT', 'incidentId');
  });
});

describe('incident decider: RetractCorroboration', () => {
  it('retracts a corroboration', () => {
    spec.given(useAlleged, hrwAdded).when(retract()).then(retracted);
  });
  it('retracts the first source', () => {
    spec
      .given(useAlleged)
      .when(retract('c1'))
      .then({ type: 'CorroborationRetracted', data: retract('c1').data });
  });
  it('refuses to retract an unknown corroboration', () => {
    spec.given(useAlleged).when(retract('c9')).thenFails('NOT_FOUND', 'corroborationId');
  });
  it('refuses to retract twice', () => {
    spec
      .given(useAlleged, hrwAdded, retracted)
      .when(retract('c2', '2016-08-01'))
      .thenFails('CONFLICT', 'corroborationId');
  });
  it('refuses a retraction dated in the future', () => {
    spec.given(useAlleged, hrwAdded).when(retract('c2', '2025-06-02')).thenFails('BAD_USER_INPUT', 'retractedOn');
  });
  it('refuses a retraction before the publication', () => {
    spec.given(useAlleged, hrwAdded).when(retract('c2', '2016-05-24')).thenFails('BAD_USER_INPUT', 'retractedOn');
  });
  it('refuses a retraction on a missing incident', () => {
    spec.given().when(retract()).thenFails('NOT_FOUND', 'incidentId');
  });
  it('records a retraction on a merged duplicate (its evidence lives on in the canonical incident)', () => {
    spec.given(useAlleged, hrwAdded, mergedIntoI2).when(retract()).then(retracted);
  });
});
