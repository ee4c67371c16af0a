import type { ConcludeInvestigation, OpenInvestigation } from '../commands';
import type { InvestigationConcluded, InvestigationOpened } from '../events';
import { deciderSpec } from '../testing/decider-spec';
import { investigationDecider } from './investigation.decider';

const spec = deciderSpec(investigationDecider);
const open = (data: Partial<OpenInvestigation['data']> = {}): OpenInvestigation => ({
  type: 'OpenInvestigation',
  data: {
    investigationId: 'inv1',
    investigator: { kind: 'STATE', stateCode: 'GBR' },
    incidentIds: ['i1'],
    mandate: 'full investigation of BL-755 use in Yemen',
    openedOn: '2016-05-24',
    ...data,
  },
});
const opened: InvestigationOpened = { type: 'InvestigationOpened', data: open().data };
const conclude = (concludedOn = '2016-12-19'): ConcludeInvestigation => ({
  type: 'ConcludeInvestigation',
  data: { investigationId: 'inv1', outcome: 'USE_CONFIRMED', findings: 'coalition used BL-755', concludedOn },
});
const concluded: InvestigationConcluded = { type: 'InvestigationConcluded', data: conclude().data };

describe('investigation decider: OpenInvestigation', () => {
  it('opens an investigation by a State', () => {
    spec.given().when(open()).then(opened);
  });
  it('opens an investigation by the UN, a registered source, covering several incidents', () => {
    const data = { investigator: { kind: 'UN' as const, sourceId: 'src-un-panel' }, incidentIds: ['i1', 'i2'] };
    spec
      .given()
      .when(open(data))
      .then({ type: 'InvestigationOpened', data: { ...opened.data, ...data } });
  });
  it('refuses an investigation that already exists', () => {
    spec.given(opened).when(open()).thenFails('CONFLICT', 'investigationId');
  });
  it('refuses a STATE investigator without a state code', () => {
    spec
      .given()
      .when(open({ investigator: { kind: 'STATE', name: 'UK' } }))
      .thenFails('BAD_USER_INPUT', 'investigator.stateCode');
  });
  it('refuses an unknown state code', () => {
    spec
      .given()
      .when(open({ investigator: { kind: 'STATE', stateCode: 'GBX' } }))
      .thenFails('BAD_USER_INPUT', 'investigator.stateCode');
  });
  it('refuses an NGO investigator that is not a registered source (a free-text name is not enough)', () => {
    spec
      .given()
      .when(open({ investigator: { kind: 'NGO', name: 'Some NGO' } }))
      .thenFails('BAD_USER_INPUT', 'investigator.sourceId');
  });
  it('refuses an investigation covering no incident', () => {
    spec
      .given()
      .when(open({ incidentIds: [] }))
      .thenFails('BAD_USER_INPUT', 'incidentIds');
  });
  it('refuses an incident listed twice', () => {
    spec
      .given()
      .when(open({ incidentIds: ['i1', 'i1'] }))
      .thenFails('BAD_USER_INPUT', 'incidentIds');
  });
  it('refuses an opening dated in the future', () => {
    spec
      .given()
      .when(open({ openedOn: '2025-06-02' }))
      .thenFails('BAD_USER_INPUT', 'openedOn');
  });
});

describe('investigation decider: ConcludeInvestigation', () => {
  it('concludes an open investigation', () => {
    spec.given(opened).when(conclude()).then(concluded);
  });
  it('concludes on the day it opened', () => {
    spec
      .given(opened)
      .when(conclude('2016-05-24'))
      .then({ ...concluded, data: { ...concluded.data, concludedOn: '2016-05-24' } });
  });
  it('refuses to conclude twice', () => {
    spec.given(opened, concluded).when(conclude('2017-01-01')).thenFails('CONFLICT', 'investigationId');
  });
  it('refuses a conclusion before the opening', () => {
    spec.given(opened).when(conclude('2016-05-23')).thenFails('BAD_USER_INPUT', 'concludedOn');
  });
  it('refuses a conclusion dated in the future', () => {
    spec.given(opened).when(conclude('2025-06-02')).thenFails('BAD_USER_INPUT', 'concludedOn');
  });
  it('refuses to conclude a missing investigation', () => {
    spec.given().when(conclude()).thenFails('NOT_FOUND', 'investigationId');
  });
});
