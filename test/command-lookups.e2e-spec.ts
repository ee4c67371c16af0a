import { ReadStoreService } from '../apps/api/src/read-store/read-store.service';
import {
  ADD_CORROBORATION,
  ALLEGE_USE,
  REGISTER_SOURCE,
  corroborationInput,
  sourceInput,
  yemenAllegation,
} from './support/fixtures';
import { TestApp } from './support/test-app';
import { fileReady } from './support/file-in-step';

/**
 * Commands look up what they refer to in the projection file's live rows (`ReadStoreService.lookups`): a mutation
 * answers once the file shows its write, so the next command finds it; an idempotency key is known from the file;
 * while the file does not follow the store, a command that must look something up is refused, nothing written.
 */
jest.setTimeout(180_000);

describe('what commands look up, from the projection file', () => {
  let app: TestApp;
  let file: ReadStoreService;

  beforeAll(async () => {
    app = await TestApp.start();
    file = app.app.get(ReadStoreService);
    await fileReady(file);
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('each write is in the file when its mutation answers', async () => {
    for (let n = 0; n < 10; n++) {
      const { registerSource } = await app.ok(REGISTER_SOURCE, { input: sourceInput({ name: `Outlet ${n}` }) });
      expect(file.lookups?.sourceName(registerSource.id)).toBe(`Outlet ${n}`);
      const { allegeUse } = await app.ok(ALLEGE_USE, { input: yemenAllegation(registerSource.id) });
      expect(file.lookups?.canonicalIncidentId(allegeUse.id)).toBe(allegeUse.id);
    }
  });

  it('a key is known from the file: the same input replays, another input on another stream: CONFLICT', async () => {
    const { registerSource } = await app.ok(REGISTER_SOURCE, { input: sourceInput({ name: 'Keyed outlet' }) });
    const { allegeUse } = await app.ok(ALLEGE_USE, { input: yemenAllegation(registerSource.id) });
    const input = { ...corroborationInput(allegeUse.id, registerSource.id), idempotencyKey: 'lookups-key-1' };
    const first = (await app.ok(ADD_CORROBORATION, { input })).addCorroboration;
    expect(file.lookups?.keyedWrite('lookups-key-1')).toMatchObject({ stream: expect.stringContaining(allegeUse.id) });
    const count = await app.eventCount();
    expect((await app.ok(ADD_CORROBORATION, { input })).addCorroboration).toEqual(first);
    // The same key for a source: another stream, which the store alone would not connect to the key.
    const reused = await app.gql(REGISTER_SOURCE, {
      input: { ...sourceInput({ name: 'Another' }), idempotencyKey: 'lookups-key-1' },
    });
    expect(reused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect(await app.eventCount()).toBe(count);
  });

  it('while the file does not follow the store, a command referring to a source is UNAVAILABLE', async () => {
    const { registerSource } = await app.ok(REGISTER_SOURCE, { input: sourceInput({ name: 'Outlet while away' }) });
    const count = await app.eventCount();
    const away = jest.spyOn(file, 'lookups', 'get').mockReturnValue(null);
    try {
      const refused = await app.gql(ALLEGE_USE, { input: yemenAllegation(registerSource.id) });
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
      expect(await app.eventCount()).toBe(count);
    } finally {
      away.mockRestore();
    }
    expect((await app.ok(ALLEGE_USE, { input: yemenAllegation(registerSource.id) })).allegeUse.id).toBeDefined();
  });
});
