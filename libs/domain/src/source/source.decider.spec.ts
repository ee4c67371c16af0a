import type { SourceRegistered } from '../events';
import { deciderSpec } from '../testing/decider-spec';
import { sourceDecider } from './source.decider';

const spec = deciderSpec(sourceDecider);
const amnesty = { sourceId: 's1', name: 'Amnesty International', kind: 'NGO' as const, grade: 'B' as const };
const registered: SourceRegistered = { type: 'SourceRegistered', data: amnesty };

describe('source decider', () => {
  describe('RegisterSource', () => {
    it('registers a new source', () => {
      spec.given().when({ type: 'RegisterSource', data: { ...amnesty, homepage: 'https://amnesty.org' } })
        .then({ type: 'SourceRegistered', data: { ...amnesty, homepage: 'https://amnesty.org' } });
    });
    it('refuses to register the same source twice', () => {
      spec.given(registered).when({ type: 'RegisterSource', data: amnesty }).thenFails('CONFLICT', 'sourceId');
    });
    it('refuses a blank name', () => {
      spec.given().when({ type: 'RegisterSource', data: { ...amnesty, name: '  ' } }).thenFails('BAD_USER_INPUT', 'name');
    });
  });

  describe('RegradeSource', () => {
    const regrade = (newGrade: 'A' | 'B' | 'C', regradedOn = '2016-05-01') =>
      ({ type: 'RegradeSource' as const, data: { sourceId: 's1', newGrade, reason: 'track record', regradedOn } });

    it('regrades, keeping the previous grade', () => {
      spec.given(registered).when(regrade('A')).then({
        type: 'SourceRegraded',
        data: { sourceId: 's1', grade: 'A', previousGrade: 'B', reason: 'track record', regradedOn: '2016-05-01' },
      });
    });
    it('knows the grade from the last regrade', () => {
      spec.given(registered, { type: 'SourceRegraded', data: { sourceId: 's1', grade: 'A', previousGrade: 'B', reason: 'r', regradedOn: '2016-01-01' } })
        .when(regrade('A')).thenFails('BAD_USER_INPUT', 'newGrade');
    });
    it('refuses a regrade to the same grade', () => {
      spec.given(registered).when(regrade('B')).thenFails('BAD_USER_INPUT', 'newGrade');
    });
    it('refuses a regrade dated in the future', () => {
      spec.given(registered).when(regrade('A', '2025-06-02')).thenFails('BAD_USER_INPUT', 'regradedOn');
    });
    it('refuses a malformed date', () => {
      spec.given(registered).when(regrade('A', '2016-02-30')).thenFails('BAD_USER_INPUT', 'regradedOn');
    });
    it('refuses to regrade a missing source', () => {
      spec.given().when(regrade('A')).thenFails('NOT_FOUND', 'sourceId');
    });
  });
});
