import type { SourceRegistered } from '../events';
import { deciderSpec } from '../testing/decider-spec';
import { sourceDecider } from './source.decider';

const spec = deciderSpec(sourceDecider);
const amnesty = { sourceId: 's1', name: 'Amnesty International', kind: 'NGO' as const, grade: 'B' as const };
const registered: SourceRegistered = { type: 'SourceRegistered', data: amnesty };

describe('source decider', () => {
  describe('RegisterSource', () => {
    it('registers a new source', () => {
      spec
        .given()
        .when({ type: 'RegisterSource', data: { ...amnesty, homepage: 'https://amnesty.org' } })
        .then({ type: 'SourceRegistered', data: { ...amnesty, homepage: 'https://amnesty.org' } });
    });
    it('refuses to register the same source twice', () => {
      spec.given(registered).when({ type: 'RegisterSource', data: amnesty }).thenFails('CONFLICT', 'sourceId');
    });
    it('refuses a blank name', () => {
      spec
        .given()
        .when({ type: 'RegisterSource', data: { ...amnesty, name: '  ' } })
        .thenFails('BAD_USER_INPUT', 'name');
    });
  });

  describe('RegisterSource: who a source is', () => {
    const ministry = {
      sourceId: 's2',
      name: 'Saudi Arabia Ministry of Defence',
      kind: 'STATE' as const,
      grade: 'B' as const,
    };
    it('registers a STATE source under its code', () => {
      spec
        .given()
        .when({ type: 'RegisterSource', data: { ...ministry, stateCode: 'SAU' } })
        .then({ type: 'SourceRegistered', data: { ...ministry, stateCode: 'SAU' } });
    });
    it('refuses a STATE source without its code, or with an unknown one', () => {
      spec.given().when({ type: 'RegisterSource', data: ministry }).thenFails('BAD_USER_INPUT', 'stateCode');
      spec
        .given()
        .when({ type: 'RegisterSource', data: { ...ministry, stateCode: 'XXX' } })
        .thenFails('BAD_USER_INPUT', 'stateCode');
    });
    it('refuses a state code on a source that is not a State', () => {
      spec
        .given()
        .when({ type: 'RegisterSource', data: { ...amnesty, stateCode: 'GBR' } })
        .thenFails('BAD_USER_INPUT', 'stateCode');
    });
    it('keeps a parent organisation and distinct aliases (not the name itself)', () => {
      const uk = {
        sourceId: 's3',
        name: 'Amnesty UK',
        kind: 'NGO' as const,
        grade: 'B' as const,
        parentOrganisation: 's1',
      };
      spec
        .given()
        .when({ type: 'RegisterSource', data: { ...uk, aliases: ['AIUK', ' AIUK ', 'Amnesty UK', ''] } })
        .then({ type: 'SourceRegistered', data: { ...uk, aliases: ['AIUK'] } });
      spec
        .given()
        .when({ type: 'RegisterSource', data: { ...uk, parentOrganisation: 's3' } })
        .thenFails('BAD_USER_INPUT', 'parentOrganisation');
    });
  });

  describe('MergeSources', () => {
    const merge = (data: Partial<{ duplicateSourceId: string; canonicalSourceId: string; mergedOn: string }> = {}) => ({
      type: 'MergeSources' as const,
      data: {
        duplicateSourceId: 's1',
        canonicalSourceId: 's9',
        reason: 'same organisation',
        mergedOn: '2016-06-01',
        ...data,
      },
    });
    it("folds the duplicate into the canonical source, on the duplicate's stream", () => {
      spec
        .given(registered)
        .when(merge())
        .then({
          type: 'SourcesMerged',
          data: { sourceId: 's1', canonicalSourceId: 's9', reason: 'same organisation', mergedOn: '2016-06-01' },
        });
    });
    it('refuses a missing duplicate, a merge into itself, a second merge and a future date', () => {
      spec.given().when(merge()).thenFails('NOT_FOUND', 'duplicateSourceId');
      spec
        .given(registered)
        .when(merge({ canonicalSourceId: 's1' }))
        .thenFails('BAD_USER_INPUT', 'canonicalSourceId');
      spec
        .given(registered, {
          type: 'SourcesMerged',
          data: { sourceId: 's1', canonicalSourceId: 's8', reason: 'r', mergedOn: '2016-05-01' },
        })
        .when(merge())
        .thenFails('CONFLICT', 'duplicateSourceId');
      spec
        .given(registered)
        .when(merge({ mergedOn: '2030-01-01' }))
        .thenFails('BAD_USER_INPUT', 'mergedOn');
    });
  });

  describe('RegradeSource', () => {
    const regrade = (newGrade: 'A' | 'B' | 'C', regradedOn = '2016-05-01') => ({
      type: 'RegradeSource' as const,
      data: { sourceId: 's1', newGrade, reason: 'track record', regradedOn },
    });

    it('regrades, keeping the previous grade', () => {
      spec
        .given(registered)
        .when(regrade('A'))
        .then({
          type: 'SourceRegraded',
          data: { sourceId: 's1', grade: 'A', previousGrade: 'B', reason: 'track record', regradedOn: '2016-05-01' },
        });
    });
    it('knows the grade from the last regrade', () => {
      spec
        .given(registered, {
          type: 'SourceRegraded',
          data: { sourceId: 's1', grade: 'A', previousGrade: 'B', reason: 'r', regradedOn: '2016-01-01' },
        })
        .when(regrade('A'))
        .thenFails('BAD_USER_INPUT', 'newGrade');
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
