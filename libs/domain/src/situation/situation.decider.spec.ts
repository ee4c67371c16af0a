import type { CorrectSituation, RegisterSituation } from '../commands';
import type { SituationRegistered } from '../events';
import { deciderSpec } from '../testing/decider-spec';
import { situationDecider } from './situation.decider';

const spec = deciderSpec(situationDecider);
const register = (data: Partial<RegisterSituation['data']> = {}): RegisterSituation => ({
  type: 'RegisterSituation',
  data: {
    situationId: 'yemen',
    name: 'Yemen: the Saudi-led coalition',
    countryCodes: ['YEM'],
    allegedUsers: [{ stateCodes: ['SAU', 'ARE'], name: 'Saudi-led coalition' }],
    period: { from: '2015-03-26' },
    ...data,
  },
});
const registered: SituationRegistered = { type: 'SituationRegistered', data: register().data };
const correct = (changes: CorrectSituation['data']['changes']): CorrectSituation => ({
  type: 'CorrectSituation',
  data: { situationId: 'yemen', changes, reason: 'the war ended', correctedOn: '2022-04-02' },
});

describe('situation decider', () => {
  it('registers a situation with its countries, alleged users and period', () => {
    spec.given().when(register()).then(registered);
  });
  it('refuses a second registration, a blank name, an unknown country and a user without codes or name', () => {
    spec.given(registered).when(register()).thenFails('CONFLICT', 'situationId');
    spec
      .given()
      .when(register({ name: ' ' }))
      .thenFails('BAD_USER_INPUT', 'name');
    spec
      .given()
      .when(register({ countryCodes: ['ZZZ'] }))
      .thenFails('BAD_USER_INPUT', 'countryCodes');
    spec
      .given()
      .when(register({ allegedUsers: [{ stateCodes: [] }] }))
      .thenFails('BAD_USER_INPUT', 'allegedUsers.0.stateCodes');
  });
  it('refuses a period that ends before it starts, or starts in the future', () => {
    spec
      .given()
      .when(register({ period: { from: '2016-01-01', to: '2015-01-01' } }))
      .thenFails('BAD_USER_INPUT', 'period.to');
    spec
      .given()
      .when(register({ period: { from: '2030-01-01' } }))
      .thenFails('BAD_USER_INPUT', 'period.from');
  });
  it('corrects what changed, and refuses a correction that changes nothing or an unknown situation', () => {
    const changes = { period: { from: '2015-03-26', to: '2022-04-02' } };
    spec
      .given(registered)
      .when(correct(changes))
      .then({
        type: 'SituationCorrected',
        data: { situationId: 'yemen', changes, reason: 'the war ended', correctedOn: '2022-04-02' },
      });
    spec
      .given(registered)
      .when(correct({ name: registered.data.name }))
      .thenFails('BAD_USER_INPUT', 'changes');
    spec.given().when(correct(changes)).thenFails('NOT_FOUND', 'situationId');
  });
});
