import type { RecordResolutionVote } from '../commands';
import { deciderSpec } from '../testing/decider-spec';
import { resolutionDecider } from './resolution.decider';

const spec = deciderSpec(resolutionDecider);
const vote = (data: Partial<RecordResolutionVote['data']> = {}): RecordResolutionVote => ({
  type: 'RecordResolutionVote',
  data: {
    resolutionId: 'r1',
    symbol: 'A/RES/71/203',
    title: 'Situation of human rights in the Syrian Arab Republic',
    venue: 'UNGA',
    adoptedOn: '2016-12-19',
    kind: 'CONDEMNATION',
    incidentIds: [],
    scope: { allegedUser: { stateCodes: ['SYR'] } },
    votes: [
      { stateCode: 'GBR', vote: 'YES' },
      { stateCode: 'RUS', vote: 'NO' },
      { stateCode: 'UKR', vote: 'ABSTAIN' },
    ],
    ...data,
  },
});

describe('resolution decider', () => {
  it("records a resolution with each State's vote", () => {
    spec.given().when(vote()).then({ type: 'ResolutionVoteRecorded', data: vote().data });
  });
  it('refuses a second recording, a blank symbol, no votes, an unknown or repeated voter, and no scope', () => {
    const recorded = { type: 'ResolutionVoteRecorded' as const, data: vote().data };
    spec.given(recorded).when(vote()).thenFails('CONFLICT', 'resolutionId');
    spec
      .given()
      .when(vote({ symbol: '' }))
      .thenFails('BAD_USER_INPUT', 'symbol');
    spec
      .given()
      .when(vote({ votes: [] }))
      .thenFails('BAD_USER_INPUT', 'votes');
    spec
      .given()
      .when(vote({ votes: [{ stateCode: 'ZZZ', vote: 'YES' }] }))
      .thenFails('BAD_USER_INPUT', 'votes');
    spec
      .given()
      .when(
        vote({
          votes: [
            { stateCode: 'GBR', vote: 'YES' },
            { stateCode: 'GBR', vote: 'NO' },
          ],
        }),
      )
      .thenFails('BAD_USER_INPUT', 'votes');
    spec
      .given()
      .when(vote({ scope: undefined }))
      .thenFails('BAD_USER_INPUT', 'scope');
  });
  it('accepts a generic resolution (any use by any actor)', () => {
    const generic = vote({ scope: { generic: true } });
    spec.given().when(generic).then({ type: 'ResolutionVoteRecorded', data: generic.data });
  });
});
