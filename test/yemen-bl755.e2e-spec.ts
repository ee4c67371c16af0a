import {
  ADD_CORROBORATION,
  ALLEGE_USE,
  OPEN_INVESTIGATION,
  RECORD_STATEMENT,
  REGISTER_SOURCE,
  corroborationInput,
  investigationInput,
  sourceInput,
  statementInput,
  yemenAllegation,
} from './support/fixtures';
import { TestApp } from './support/test-app';

/**
 * The seed's case (CCM Coordination Committee minutes, 26 May 2016, item 9): Amnesty International found
 * UK-made BL-755 cluster bombs used in Yemen by the Saudi-led coalition; Human Rights Watch confirmed the
 * weapon type; the United Kingdom announced a full investigation; later the coalition acknowledged the use.
 * Logged step by step through GraphQL, reading the assessment after each step.
 */
const ASSESSMENT = /* GraphQL */ `
  query ($id: ID!) {
    incident(id: $id) {
      assessment {
        status
        readiness
        rule
        reasons
        evidenceIds
        missing
        independentSupportingSources
        statusSince
        policyVersion
      }
      statusHistory {
        status
        readiness
        on
        rule
      }
      investigations {
        id
        investigator {
          kind
          stateCode
        }
        outcome
      }
      statements {
        id
        kind
        speakers {
          stateCode
        }
        deliveredOn
      }
    }
  }
`;

// Boots the app: sized for a loaded 2-core machine, not Jest's 5 s default (also for the hooks).
jest.setTimeout(120_000);

describe('the Yemen BL-755 case, logged through GraphQL', () => {
  let app: TestApp;
  let incidentId: string;
  let amnestyCorroboration: string;
  let hrwCorroboration: string;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(async () => {
    await app.stop();
  });

  const read = async () => (await app.ok(ASSESSMENT, { id: incidentId })).incident;

  it('1. Amnesty International alleges the use: ALLEGED, one more independent source needed', async () => {
    const amnesty = (await app.ok(REGISTER_SOURCE, { input: sourceInput() })).registerSource.id;
    const { allegeUse } = await app.ok(ALLEGE_USE, { input: yemenAllegation(amnesty) });
    incidentId = allegeUse.id;
    amnestyCorroboration = allegeUse.corroborations[0].id;

    const { assessment, statusHistory } = await read();
    expect(assessment).toMatchObject({
      status: 'ALLEGED',
      readiness: 'CONCERN',
      rule: 'ALLEGED_BY_SOURCE',
      evidenceIds: [amnestyCorroboration],
      missing: ['one more independent source graded A–C'],
      independentSupportingSources: 1,
      statusSince: '2016-05-23',
      policyVersion: '2.0.0',
    });
    expect(statusHistory).toEqual([
      { status: 'ALLEGED', readiness: 'CONCERN', on: '2016-05-23', rule: 'ALLEGED_BY_SOURCE' },
    ]);
  });

  it('2. Human Rights Watch identifies the weapon type: CONFIRMED by physical evidence, CONDEMN', async () => {
    const hrw = (
      await app.ok(REGISTER_SOURCE, {
        input: sourceInput({ name: 'Human Rights Watch', grade: 'A', homepage: 'https://www.hrw.org' }),
      })
    ).registerSource.id;
    const { addCorroboration } = await app.ok(ADD_CORROBORATION, { input: corroborationInput(incidentId, hrw) });
    hrwCorroboration = addCorroboration.corroborations[1].id;

    const { assessment, statusHistory } = await read();
    // Two independent A–C sources, and physical evidence (Amnesty's remnant photos, HRW's expert
    // identification) from A/B sources.
    expect(assessment).toMatchObject({
      status: 'CONFIRMED',
      readiness: 'CONDEMN',
      rule: 'CONFIRMED_BY_PHYSICAL_EVIDENCE',
      missing: [],
      independentSupportingSources: 2,
      statusSince: '2016-05-25',
    });
    expect(assessment.evidenceIds).toEqual(expect.arrayContaining([amnestyCorroboration, hrwCorroboration]));
    expect(statusHistory.map((c: { status: string; on: string }) => [c.status, c.on])).toEqual([
      ['ALLEGED', '2016-05-23'],
      ['CONFIRMED', '2016-05-25'],
    ]);
  });

  it('3. the United Kingdom announces a full investigation and opens it: recorded, the status stands', async () => {
    const { recordStatement } = await app.ok(RECORD_STATEMENT, { input: statementInput([incidentId]) });
    expect(recordStatement).toMatchObject({
      kind: 'INVESTIGATION_ANNOUNCED',
      speakers: [{ stateCode: 'GBR', name: 'United Kingdom' }],
    });
    const afterStatement = await read();
    expect(afterStatement.assessment).toMatchObject({
      status: 'CONFIRMED',
      rule: 'CONFIRMED_BY_PHYSICAL_EVIDENCE',
      statusSince: '2016-05-25',
    });

    const { openInvestigation } = await app.ok(OPEN_INVESTIGATION, { input: investigationInput([incidentId]) });
    const { assessment, investigations, statements } = await read();
    expect(investigations).toEqual([
      { id: openInvestigation.id, investigator: { kind: 'STATE', stateCode: 'GBR' }, outcome: null },
    ]);
    expect(statements).toEqual([
      {
        id: recordStatement.id,
        kind: 'INVESTIGATION_ANNOUNCED',
        speakers: [{ stateCode: 'GBR' }],
        deliveredOn: '2016-05-24',
      },
    ]);
    // Already confirmed: the open investigation is not "missing" for anything.
    expect(assessment).toMatchObject({
      status: 'CONFIRMED',
      readiness: 'CONDEMN',
      rule: 'CONFIRMED_BY_PHYSICAL_EVIDENCE',
      missing: [],
      statusSince: '2016-05-25',
    });
  });

  it('4. the coalition acknowledges the use: confirmed by acknowledgement, still so since 25 May 2016', async () => {
    const { recordStatement } = await app.ok(RECORD_STATEMENT, {
      input: statementInput([incidentId], {
        speakers: ['SAU'],
        kind: 'ACKNOWLEDGEMENT',
        deliveredOn: '2016-12-19',
        namesUser: true,
        quote: 'The coalition used a limited quantity of UK-made BL-755 cluster munitions in Yemen.',
        citation: { url: 'https://example.org/spa/2016-12-19-coalition-statement' },
      }),
    });
    const { assessment, statusHistory, statements } = await read();
    expect(statements.map((s: { kind: string }) => s.kind)).toEqual(['INVESTIGATION_ANNOUNCED', 'ACKNOWLEDGEMENT']);
    // The acknowledgement now ranks first among the confirmations; the status did not change, so neither do its dates.
    expect(assessment).toMatchObject({
      status: 'CONFIRMED',
      readiness: 'CONDEMN',
      rule: 'CONFIRMED_BY_ACKNOWLEDGEMENT',
      evidenceIds: [recordStatement.id],
      missing: [],
      statusSince: '2016-05-25',
    });
    expect(assessment.reasons[0]).toContain('acknowledged the use on 2016-12-19');
    expect(statusHistory.map((c: { status: string }) => c.status)).toEqual(['ALLEGED', 'CONFIRMED']);
  });
});
