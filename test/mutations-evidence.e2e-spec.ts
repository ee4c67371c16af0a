import {
  ALLEGE_USE,
  CONCLUDE_INVESTIGATION,
  CORRECT_STATEMENT,
  INCIDENT,
  INVESTIGATION,
  MERGE_INCIDENTS,
  OPEN_INVESTIGATION,
  RECORD_STATEMENT,
  REGISTER_SOURCE,
  STATEMENT,
  expectRefusal,
  investigationInput,
  sourceInput,
  statementInput,
  yemenAllegation,
} from './support/fixtures';
import { TestApp } from './support/test-app';

const UNKNOWN_ID = '0190a0a0-0000-7000-8000-0000000000ff';
const FUTURE = '2999-01-01';

// Boots the app: sized for a loaded 2-core machine, not Jest's 5 s default (also for the hooks).
jest.setTimeout(120_000);

describe('investigation and statement mutations over HTTP', () => {
  let app: TestApp;
  let sourceId: string;
  beforeAll(async () => {
    app = await TestApp.start();
    sourceId = (await app.ok(REGISTER_SOURCE, { input: sourceInput() })).registerSource.id;
  }, 180_000);
  afterAll(async () => {
    await app.stop();
  });

  /** An allegation from a single source without physical evidence: ALLEGED, so investigations can move it. */
  async function incident(): Promise<string> {
    const input = yemenAllegation(sourceId);
    input.firstSource = { ...(input.firstSource as object), evidenceKinds: ['WITNESS_TESTIMONY'] } as never;
    return (await app.ok(ALLEGE_USE, { input })).allegeUse.id;
  }

  describe('openInvestigation and concludeInvestigation', () => {
    it('opens an investigation the incident lists and awaits; concluding it: CONFIRMED_BY_INVESTIGATION', async () => {
      const incidentId = await incident();
      const byState = (await app.ok(OPEN_INVESTIGATION, { input: investigationInput([incidentId]) })).openInvestigation;
      expect(byState.investigator).toEqual({ kind: 'STATE', stateCode: 'GBR', name: 'United Kingdom' });
      // Policy 2.0.0: a UN body's conclusion stands on its own (an ungraded State's would count as one report).
      const panel = (
        await app.ok(REGISTER_SOURCE, {
          input: sourceInput({ name: 'UN Panel of Experts on Yemen', kind: 'UN_BODY', grade: 'A' }),
        })
      ).registerSource.id;
      const { openInvestigation } = await app.ok(OPEN_INVESTIGATION, {
        input: investigationInput([incidentId], {
          investigator: { kind: 'UN', sourceId: panel },
        }),
      });
      expect(openInvestigation).toMatchObject({
        investigator: { kind: 'UN', stateCode: null, name: 'UN Panel of Experts on Yemen' },
        incidentIds: [incidentId],
        openedOn: '2016-05-24',
        outcome: null,
        findings: null,
        concludedOn: null,
      });
      const opened = (await app.ok(INCIDENT, { id: incidentId })).incident;
      expect(opened.investigations).toEqual([
        { id: byState.id, outcome: null },
        { id: openInvestigation.id, outcome: null },
      ]);
      expect(opened.assessment.missing).toContain(
        'the conclusion of the investigation by UN Panel of Experts on Yemen opened on 2016-05-24',
      );

      const { concludeInvestigation } = await app.ok(CONCLUDE_INVESTIGATION, {
        input: {
          investigationId: openInvestigation.id,
          outcome: 'USE_CONFIRMED',
          findings: 'BL-755 were used.',
          concludedOn: '2016-12-19',
        },
      });
      expect(concludeInvestigation).toMatchObject({
        outcome: 'USE_CONFIRMED',
        findings: 'BL-755 were used.',
        concludedOn: '2016-12-19',
      });
      expect((await app.ok(INVESTIGATION, { id: openInvestigation.id })).investigation).toEqual(concludeInvestigation);
      const concluded = (await app.ok(INCIDENT, { id: incidentId })).incident;
      expect(concluded.assessment).toMatchObject({
        status: 'CONFIRMED',
        readiness: 'CONDEMN',
        rule: 'CONFIRMED_BY_INVESTIGATION',
        statusSince: '2016-12-19',
        evidenceIds: [openInvestigation.id],
      });
    });

    it('resolves merged duplicate ids to the canonical incident', async () => {
      const canonical = await incident();
      const duplicate = await incident();
      await app.ok(MERGE_INCIDENTS, {
        input: {
          duplicateIncidentId: duplicate,
          canonicalIncidentId: canonical,
          reason: 'dup',
          mergedOn: '2016-06-01',
        },
      });
      const { openInvestigation } = await app.ok(OPEN_INVESTIGATION, {
        input: investigationInput([duplicate, canonical]),
      });
      expect(openInvestigation.incidentIds).toEqual([canonical]);
    });

    it('refuses invalid investigators, unknown States or incidents and bad dates, appending nothing', async () => {
      const incidentId = await incident();
      const { openInvestigation } = await app.ok(OPEN_INVESTIGATION, { input: investigationInput([incidentId]) });
      const before = await app.eventCount();
      const open = (over: Record<string, unknown>) =>
        app.gql(OPEN_INVESTIGATION, { input: investigationInput([incidentId], over) });
      expectRefusal(await open({ investigator: { kind: 'STATE' } }), 'BAD_USER_INPUT', 'investigator.stateCode');
      expectRefusal(
        await open({ investigator: { kind: 'UN', name: 'A panel' } }),
        'BAD_USER_INPUT',
        'investigator.sourceId',
      );
      expectRefusal(
        await open({ investigator: { kind: 'NGO', sourceId: UNKNOWN_ID } }),
        'NOT_FOUND',
        'investigator.sourceId',
      );
      expectRefusal(
        await open({ investigator: { kind: 'STATE', stateCode: 'gbr' } }),
        'BAD_USER_INPUT',
        'investigator.stateCode',
      );
      expectRefusal(
        await open({ investigator: { kind: 'STATE', stateCode: 'ZZZ' } }),
        'NOT_FOUND',
        'investigator.stateCode',
      );
      expectRefusal(await open({ incidentIds: [] }), 'BAD_USER_INPUT', 'incidentIds');
      expectRefusal(await open({ incidentIds: [UNKNOWN_ID] }), 'NOT_FOUND', 'incidentIds');
      expectRefusal(await open({ mandate: '' }), 'BAD_USER_INPUT', 'mandate');
      expectRefusal(await open({ openedOn: FUTURE }), 'BAD_USER_INPUT', 'openedOn');

      const conclude = (over: Record<string, unknown>) =>
        app.gql(CONCLUDE_INVESTIGATION, {
          input: {
            investigationId: openInvestigation.id,
            outcome: 'INCONCLUSIVE',
            findings: 'f',
            concludedOn: '2016-06-01',
            ...over,
          },
        });
      expectRefusal(await conclude({ concludedOn: '2016-05-01' }), 'BAD_USER_INPUT', 'concludedOn');
      expectRefusal(await conclude({ outcome: 'MAYBE' }), 'BAD_USER_INPUT');
      expectRefusal(await conclude({ investigationId: UNKNOWN_ID }), 'NOT_FOUND', 'investigationId');
      expect(await app.eventCount()).toBe(before);
      expect((await conclude({})).errors).toBeUndefined();
      expectRefusal(await conclude({}), 'CONFLICT', 'investigationId');
      expect(await app.eventCount()).toBe(before + 1);
    });
  });

  describe('recordStatement and correctStatement', () => {
    it('records a joint statement about a conflict (no incidents), and a statement the incident lists', async () => {
      const { recordStatement: joint } = await app.ok(RECORD_STATEMENT, {
        input: statementInput([], {
          speakers: ['NLD', 'NOR'],
          onBehalfOf: 'CCM Presidency and Coordinators',
          kind: 'CONCERN',
          venue: 'MSP',
          namesUser: false,
          quote: 'We are deeply concerned by reports of use in Yemen.',
        }),
      });
      expect(joint).toMatchObject({
        speakers: [
          { stateCode: 'NLD', name: 'Netherlands' },
          { stateCode: 'NOR', name: 'Norway' },
        ],
        onBehalfOf: 'CCM Presidency and Coordinators',
        kind: 'CONCERN',
        venue: 'MSP',
        incidentIds: [],
        corrections: [],
      });
      expect((await app.ok(STATEMENT, { id: joint.id })).statement).toEqual(joint);

      const incidentId = await incident();
      const { recordStatement } = await app.ok(RECORD_STATEMENT, { input: statementInput([incidentId]) });
      expect(recordStatement.incidentIds).toEqual([incidentId]);
      expect((await app.ok(INCIDENT, { id: incidentId })).incident.statements).toEqual([
        { id: recordStatement.id, kind: 'INVESTIGATION_ANNOUNCED', speakers: [{ stateCode: 'GBR' }] },
      ]);
    });

    it('corrects a statement: the incident links follow, the history is kept', async () => {
      const first = await incident();
      const second = await incident();
      const { recordStatement } = await app.ok(RECORD_STATEMENT, { input: statementInput([first]) });
      const { correctStatement } = await app.ok(CORRECT_STATEMENT, {
        input: {
          statementId: recordStatement.id,
          changes: { incidentIds: [second], kind: 'CONDEMNATION', onBehalfOf: null },
          reason: 'Referred to the other attack',
          correctedOn: '2016-06-02',
        },
      });
      expect(correctStatement).toMatchObject({
        kind: 'CONDEMNATION',
        incidentIds: [second],
        corrections: [
          { fields: ['kind', 'incidentIds'], reason: 'Referred to the other attack', correctedOn: '2016-06-02' },
        ],
      });
      expect((await app.ok(INCIDENT, { id: first })).incident.statements).toEqual([]);
      expect((await app.ok(INCIDENT, { id: second })).incident.statements.map((s: { id: string }) => s.id)).toEqual([
        recordStatement.id,
      ]);
    });

    it('refuses bad speakers, unknown States or incidents, long quotes, bad citations, appending nothing', async () => {
      const incidentId = await incident();
      const { recordStatement } = await app.ok(RECORD_STATEMENT, { input: statementInput([incidentId]) });
      const before = await app.eventCount();
      const record = (over: Record<string, unknown>) =>
        app.gql(RECORD_STATEMENT, { input: statementInput([incidentId], over) });
      expectRefusal(await record({ speakers: [] }), 'BAD_USER_INPUT', 'speakers');
      expectRefusal(await record({ speakers: ['gbr'] }), 'BAD_USER_INPUT', 'speakers');
      expectRefusal(await record({ speakers: ['GBR', 'GBR'] }), 'BAD_USER_INPUT', 'speakers');
      expectRefusal(await record({ speakers: ['ZZZ'] }), 'NOT_FOUND', 'speakers');
      expectRefusal(await record({ incidentIds: [UNKNOWN_ID] }), 'NOT_FOUND', 'incidentIds');
      expectRefusal(await record({ incidentIds: ['nope'] }), 'BAD_USER_INPUT', 'incidentIds');
      expectRefusal(await record({ quote: 'x'.repeat(10001) }), 'BAD_USER_INPUT', 'quote');
      expectRefusal(await record({ citation: { url: 'not a url' } }), 'BAD_USER_INPUT', 'citation.url');
      expectRefusal(await record({ deliveredOn: FUTURE }), 'BAD_USER_INPUT', 'deliveredOn');

      const correct = (over: Record<string, unknown>) =>
        app.gql(CORRECT_STATEMENT, {
          input: {
            statementId: recordStatement.id,
            changes: { quote: 'new' },
            reason: 'r',
            correctedOn: '2016-06-02',
            ...over,
          },
        });
      expectRefusal(await correct({ statementId: UNKNOWN_ID }), 'NOT_FOUND', 'statementId');
      expectRefusal(await correct({ changes: { kind: recordStatement.kind } }), 'BAD_USER_INPUT', 'changes');
      expectRefusal(await correct({ changes: { speakers: ['ZZZ'] } }), 'NOT_FOUND', 'changes.speakers');
      expectRefusal(await correct({ changes: { incidentIds: [UNKNOWN_ID] } }), 'NOT_FOUND', 'changes.incidentIds');
      expectRefusal(await correct({ changes: { speakers: [] } }), 'BAD_USER_INPUT', 'changes.speakers');
      expect(await app.eventCount()).toBe(before);
      expect((await app.ok(INCIDENT, { id: incidentId })).incident.statements).toHaveLength(1);
    });

    it('replays an idempotent recordStatement: same statement, nothing appended', async () => {
      const input = { ...statementInput([]), idempotencyKey: 'uk-announcement-2016-05-24' };
      const first = (await app.ok(RECORD_STATEMENT, { input })).recordStatement;
      const after = await app.eventCount();
      expect((await app.ok(RECORD_STATEMENT, { input })).recordStatement).toEqual(first);
      expect(await app.eventCount()).toBe(after);
      expectRefusal(
        await app.gql(RECORD_STATEMENT, { input: { ...input, venue: 'UNGA' } }),
        'CONFLICT',
        'idempotencyKey',
      );
    });
  });
});
