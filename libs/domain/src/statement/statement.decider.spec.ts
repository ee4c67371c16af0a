import type { CorrectStatement, RecordStatement } from '../commands';
import type { StatementCorrected, StatementRecorded } from '../events';
import { deciderSpec } from '../testing/decider-spec';
import { statementDecider } from './statement.decider';

const spec = deciderSpec(statementDecider);
const record = (data: Partial<RecordStatement['data']> = {}): RecordStatement => ({
  type: 'RecordStatement',
  data: {
    statementId: 'st1',
    speakers: ['GBR'],
    kind: 'INVESTIGATION_ANNOUNCED',
    venue: 'NATIONAL',
    deliveredOn: '2016-05-24',
    incidentIds: ['i1'],
    namesUser: true,
    quote: 'We will investigate these reports fully.',
    citation: { url: 'https://www.gov.uk/statement' },
    ...data,
  },
});
const recorded: StatementRecorded = { type: 'StatementRecorded', data: record().data };
const correct = (changes: CorrectStatement['data']['changes'], correctedOn = '2016-06-01'): CorrectStatement => ({
  type: 'CorrectStatement',
  data: { statementId: 'st1', changes, reason: 'wrong venue', correctedOn },
});

describe('statement decider: RecordStatement', () => {
  it('records a statement by one State', () => {
    spec.given().when(record()).then(recorded);
  });
  it('records a joint statement about a conflict, naming no incident', () => {
    const data = {
      speakers: ['FRA', 'USA', 'UKR'],
      onBehalfOf: 'a group of States',
      kind: 'CONCERN' as const,
      incidentIds: [],
      namesUser: false,
    };
    spec
      .given()
      .when(record(data))
      .then({ type: 'StatementRecorded', data: { ...recorded.data, ...data } });
  });
  it('refuses a statement that already exists', () => {
    spec.given(recorded).when(record()).thenFails('CONFLICT', 'statementId');
  });
  it('refuses a statement without a speaker', () => {
    spec
      .given()
      .when(record({ speakers: [] }))
      .thenFails('BAD_USER_INPUT', 'speakers');
  });
  it('refuses an unknown speaker code', () => {
    spec
      .given()
      .when(record({ speakers: ['GBR', 'ZZZ'] }))
      .thenFails('BAD_USER_INPUT', 'speakers');
  });
  it('refuses a speaker listed twice', () => {
    spec
      .given()
      .when(record({ speakers: ['GBR', 'GBR'] }))
      .thenFails('BAD_USER_INPUT', 'speakers');
  });
  it('refuses an incident listed twice', () => {
    spec
      .given()
      .when(record({ incidentIds: ['i1', 'i1'] }))
      .thenFails('BAD_USER_INPUT', 'incidentIds');
  });
  it('refuses a delivery date in the future', () => {
    spec
      .given()
      .when(record({ deliveredOn: '2025-06-02' }))
      .thenFails('BAD_USER_INPUT', 'deliveredOn');
  });
});

describe('statement decider: CorrectStatement', () => {
  const corrected: StatementCorrected = {
    type: 'StatementCorrected',
    data: { statementId: 'st1', changes: { venue: 'MSP' }, reason: 'wrong venue', correctedOn: '2016-06-01' },
  };
  it('records only what really changes', () => {
    spec
      .given(recorded)
      .when(correct({ venue: 'MSP', kind: 'INVESTIGATION_ANNOUNCED' }))
      .then(corrected);
  });
  it('diffs against the statement as already corrected', () => {
    spec
      .given(recorded, corrected)
      .when(correct({ venue: 'MSP' }))
      .thenFails('BAD_USER_INPUT', 'changes');
  });
  it('refuses a correction that changes nothing', () => {
    spec
      .given(recorded)
      .when(correct({ speakers: ['GBR'] }))
      .thenFails('BAD_USER_INPUT', 'changes');
  });
  it('checks the corrected whole', () => {
    spec
      .given(recorded)
      .when(correct({ speakers: ['XXX'] }))
      .thenFails('BAD_USER_INPUT', 'speakers');
    spec
      .given(recorded)
      .when(correct({ deliveredOn: '2026-01-01' }))
      .thenFails('BAD_USER_INPUT', 'deliveredOn');
  });
  it('refuses a correction dated in the future', () => {
    spec
      .given(recorded)
      .when(correct({ venue: 'MSP' }, '2025-06-02'))
      .thenFails('BAD_USER_INPUT', 'correctedOn');
  });
  it('refuses to correct a missing statement', () => {
    spec
      .given()
      .when(correct({ venue: 'MSP' }))
      .thenFails('NOT_FOUND', 'statementId');
  });
});

describe('statement decider: scope', () => {
  it('records a statement about a situation and an alleged user, and a generic one', () => {
    const scope = { situationIds: ['ukraine'], allegedUser: { stateCodes: ['RUS'] } };
    spec
      .given()
      .when(record({ incidentIds: [], scope }))
      .then({ type: 'StatementRecorded', data: { ...recorded.data, incidentIds: [], scope } });
    spec
      .given()
      .when(record({ incidentIds: [], scope: { generic: true } }))
      .then({ type: 'StatementRecorded', data: { ...recorded.data, incidentIds: [], scope: { generic: true } } });
  });
  it('refuses a situation listed twice and a user without codes or name', () => {
    spec
      .given()
      .when(record({ scope: { situationIds: ['s', 's'] } }))
      .thenFails('BAD_USER_INPUT', 'scope.situationIds');
    spec
      .given()
      .when(record({ scope: { allegedUser: { stateCodes: [] } } }))
      .thenFails('BAD_USER_INPUT', 'scope.allegedUser.stateCodes');
  });
  it('corrects the scope as a whole', () => {
    spec
      .given(recorded)
      .when(correct({ scope: { generic: true } }))
      .then({
        type: 'StatementCorrected',
        data: {
          statementId: 'st1',
          changes: { scope: { generic: true } },
          reason: 'wrong venue',
          correctedOn: '2016-06-01',
        },
      });
  });
});
