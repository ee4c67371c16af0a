import { ReadStoreService } from '../apps/api/src/read-store/read-store.service';
import {
  ADD_CORROBORATION,
  ALLEGE_USE,
  INCIDENT,
  OPEN_INVESTIGATION,
  RECORD_STATEMENT,
  REGISTER_SOURCE,
  corroborationInput,
  investigationInput,
  sourceInput,
  statementInput,
  yemenAllegation,
} from './support/fixtures';
import { sleep } from './support/read-side';
import { TestApp } from './support/test-app';

/**
 * A read side that is late on purpose (live folding held, a 50 ms read-your-writes timeout): every mutation
 * that appended answers with what it wrote, built from the written streams, and says that the read side is
 * behind; queries stay honest (they show the live model) and catch up once folding resumes.
 */
jest.setTimeout(120_000);

const REGRADE = /* GraphQL */ `
  mutation ($input: RegradeSourceInput!) {
    regradeSource(input: $input) {
      id
      grade
    }
  }
`;

interface Receipt {
  stream: string;
  eventIds: string[];
  fromRevision: number | null;
  revision: number | null;
  position: string;
  replayed: boolean;
  visible: boolean;
}
const receiptsOf = (res: object): Receipt[] | undefined =>
  (res as { extensions?: { readYourWrites?: { behind: boolean; writes: Receipt[] } } }).extensions?.readYourWrites
    ?.writes;
const behindOf = (res: object): boolean | undefined =>
  (res as { extensions?: { readYourWrites?: { behind: boolean } } }).extensions?.readYourWrites?.behind;

describe('read-your-writes when the projection is late', () => {
  let app: TestApp;
  let release: (() => void) | null = null;
  beforeAll(async () => {
    app = await TestApp.start({ READ_YOUR_WRITES_TIMEOUT_MS: '50' });
  }, 180_000);
  afterAll(async () => {
    release?.();
    await app.stop();
  });

  it('answers with the write and says the read side is behind; never NOT_FOUND for a write that happened', async () => {
    const ai = (await app.ok(REGISTER_SOURCE, { input: sourceInput() })).registerSource;
    const hrwRes = await app.gql(REGISTER_SOURCE, { input: sourceInput({ name: 'Human Rights Watch', grade: 'A' }) });
    // In step with the read side: no extension at all.
    expect(receiptsOf(hrwRes)).toBeUndefined();
    const hrw = hrwRes.data!.registerSource;
    const daily = (
      await app.ok(REGISTER_SOURCE, { input: sourceInput({ name: 'The Daily', kind: 'MEDIA', grade: 'D' }) })
    ).registerSource;
    const known = (await app.ok(ALLEGE_USE, { input: yemenAllegation(ai.id) })).allegeUse;
    release = app.app.get(ReadStoreService).holdLiveFolding();

    // A new incident: the projection file does not show it yet, the answer shows it from the write.
    const alleged = await app.gql(ALLEGE_USE, {
      input: yemenAllegation(ai.id, { idempotencyKey: 'late-allegation-1' }),
    });
    expect(alleged.errors).toBeUndefined();
    const incident = alleged.data!.allegeUse;
    expect(incident).toMatchObject({
      summary: yemenAllegation(ai.id).summary,
      assessment: { status: 'ALLEGED' },
      corroborations: [{ stance: 'SUPPORTS', source: { id: ai.id, name: 'Amnesty International', grade: 'B' } }],
    });
    expect(behindOf(alleged)).toBe(true);
    expect(receiptsOf(alleged)).toEqual([
      {
        stream: `incident-${incident.id}`,
        eventIds: [expect.any(String)],
        fromRevision: 0,
        revision: 0,
        position: expect.stringMatching(/^\d+$/),
        replayed: false,
        visible: false,
      },
    ]);
    // The same key again: found in the store (the file has not folded it), same answer, nothing appended.
    const retried = await app.gql(ALLEGE_USE, {
      input: yemenAllegation(ai.id, { idempotencyKey: 'late-allegation-1' }),
    });
    expect(retried.data!.allegeUse.id).toBe(incident.id);
    expect(receiptsOf(retried)).toEqual([
      expect.objectContaining({ replayed: true, eventIds: [], position: receiptsOf(alleged)![0].position }),
    ]);
    // Queries read the projection file, which is honestly behind.
    expect((await app.gql(INCIDENT, { id: incident.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    // Writes on a known incident: the answer already shows the new corroboration, investigation and statement.
    const corroborated = await app.gql(ADD_CORROBORATION, { input: corroborationInput(known.id, hrw.id) });
    const view = corroborated.data!.addCorroboration;
    expect(view.corroborations.map((c: { source: { id: string } }) => c.source.id)).toEqual([ai.id, hrw.id]);
    expect(receiptsOf(corroborated)).toEqual([
      expect.objectContaining({ stream: `incident-${known.id}`, fromRevision: 1, revision: 1 }),
    ]);
    const opened = await app.gql(OPEN_INVESTIGATION, { input: investigationInput([known.id]) });
    expect(opened.data!.openInvestigation).toMatchObject({
      incidentIds: [known.id],
      investigator: { stateCode: 'GBR' },
    });
    expect(behindOf(opened)).toBe(true);
    const recorded = await app.gql(RECORD_STATEMENT, { input: statementInput([known.id]) });
    expect(recorded.data!.recordStatement).toMatchObject({ incidentIds: [known.id], kind: 'INVESTIGATION_ANNOUNCED' });
    const regraded = await app.gql(REGRADE, {
      input: { sourceId: daily.id, newGrade: 'C', reason: 'Better sourcing', regradedOn: '2016-06-01' },
    });
    expect(regraded.data!.regradeSource).toEqual({ id: daily.id, grade: 'C' });
    expect(receiptsOf(regraded)).toEqual([expect.objectContaining({ stream: `source-${daily.id}`, visible: false })]);

    // Five events wait for the held projection: /health/ready counts them.
    const ready = (await (await fetch(app.url.replace(/\/graphql$/, '/health/ready'))).json()) as {
      lag: { events: number };
    };
    expect(ready.lag.events).toBe(5);

    release();
    release = null;
    let caughtUp = await app.gql(INCIDENT, { id: incident.id });
    while (caughtUp.errors) {
      await sleep(20);
      caughtUp = await app.gql(INCIDENT, { id: incident.id });
    }
    // What the write side answered is what the file shows once it has caught up.
    const live = (await app.ok(INCIDENT, { id: known.id })).incident;
    expect(live.corroborations).toEqual(view.corroborations);
    expect(live.assessment).toEqual(view.assessment);
    expect(live.investigations).toEqual([{ id: opened.data!.openInvestigation.id, outcome: null }]);
    expect(live.statements.map((s: { id: string }) => s.id)).toEqual([recorded.data!.recordStatement.id]);
    expect(
      receiptsOf(await app.gql(ADD_CORROBORATION, { input: corroborationInput(known.id, daily.id) })),
    ).toBeUndefined();
  });
});
