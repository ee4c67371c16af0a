import { ReadStoreService } from '../apps/api/src/read-store/read-store.service';
import { ALLEGE_USE, REGISTER_SOURCE, corroborationInput, sourceInput, yemenAllegation } from './support/fixtures';
import { afterRebuild, fileInStep, fileReady } from './support/file-in-step';
import { TestApp } from './support/test-app';

/**
 * An incident's status changes with the events that caused them and its audit trail: read from the file (which
 * incident, its duplicates, its streams) and its events (ids, words, actors): a write shows in them at once, in the
 * mutation's answer as in a query; as of an instant before it, not; and a file rebuilt from scratch gives the same.
 */
jest.setTimeout(120_000);

const TRAIL = `id assessment { status } statusHistory { status readiness on rule evidenceIds eventIds }
  history { eventId type evidenceDate summary }`;
const ONE = `query ($id: ID!, $filter: TimeTravelInput) { incident(id: $id, filter: $filter) { ${TRAIL} } }`;
const CORROBORATE = `mutation ($input: AddCorroborationInput!) { addCorroboration(input: $input) { ${TRAIL} } }`;

type Trail = {
  id: string;
  assessment: { status: string };
  statusHistory: { status: string; eventIds: string[] }[];
  history: { eventId: string; type: string }[];
};

describe("an incident's status changes and audit trail, from the file and its events", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
    await fileReady(app.app.get(ReadStoreService));
  }, 180_000);
  afterAll(() => app?.stop());

  it('show a write at once, in the answer and the query; not as of before it; the same after a rebuild', async () => {
    const file = app.app.get(ReadStoreService);
    const ai = (await app.ok(REGISTER_SOURCE, { input: sourceInput() })).registerSource;
    const hrw = (await app.ok(REGISTER_SOURCE, { input: sourceInput({ name: 'Human Rights Watch', grade: 'A' }) }))
      .registerSource;
    const incident = (await app.ok(ALLEGE_USE, { input: yemenAllegation(ai.id) })).allegeUse;
    const before = (await app.ok<{ incident: Trail }>(ONE, { id: incident.id })).incident;
    expect(before.history.map((h) => h.type)).toEqual(['UseAlleged']);
    const instant = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));

    const res = await app.gql(CORROBORATE, { input: corroborationInput(incident.id, hrw.id) });
    expect(res.errors).toBeUndefined();
    const answered = res.data!.addCorroboration as Trail;
    const added = answered.history.at(-1)!;
    expect(added.type).toBe('CorroborationAdded');
    expect(answered.history.map((h) => h.eventId)).toEqual([...before.history.map((h) => h.eventId), added.eventId]);
    expect(answered.assessment.status).not.toBe(before.assessment.status);
    expect(answered.statusHistory).toHaveLength(before.statusHistory.length + 1);
    expect(answered.statusHistory.at(-1)!.eventIds).toContain(added.eventId);

    const asked = (await app.ok<{ incident: Trail }>(ONE, { id: incident.id })).incident;
    expect(asked).toEqual(answered);
    const then = await app.ok<{ incident: Trail }>(ONE, {
      id: incident.id,
      filter: { asOf: instant, clock: 'RECORDED' },
    });
    expect(then.incident).toEqual(before);

    await fileInStep(file);
    expect((await afterRebuild(file, () => app.ok<{ incident: Trail }>(ONE, { id: incident.id }))).incident).toEqual(
      asked,
    );
  });
});
