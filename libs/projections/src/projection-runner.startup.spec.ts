import { SqliteEventStore, uuidv7 } from '@app/event-store';
import { incidentStream } from '@app/domain';
import { ProjectionRunner } from './projection-runner';
import { allege, corroboration } from './testing/event-log.fixtures';

/** A catch-up long enough to need several turns of the event loop: 20,000 allegations in one group commit. */
async function bigStore(): Promise<SqliteEventStore> {
  const store = new SqliteEventStore({ path: ':memory:' });
  const appends: Promise<unknown>[] = [];
  for (let i = 0; i < 20_000; i++) {
    const id = uuidv7();
    const event = allege(id, '2016-01-10', corroboration(uuidv7(), 'missing-source', '2016-01-10'));
    appends.push(
      store.append(incidentStream(id), [
        {
          id: uuidv7(),
          type: event.type,
          data: event.data as never,
          metadata: { actor: 'tester', correlationId: 'c', schemaVersion: 1 },
        },
      ]),
    );
  }
  await Promise.all(appends);
  return store;
}

describe('ProjectionRunner start-up and holding', () => {
  jest.setTimeout(60_000);
  let store: SqliteEventStore;
  beforeAll(async () => {
    store = await bigStore();
  });
  afterAll(() => store.close());

  it('hands the event loop back during a long catch-up (timers and I/O run before it is done)', async () => {
    const runner = new ProjectionRunner(store);
    let turns = 0;
    const ticker = setInterval(() => turns++, 1);
    const started = runner.start();
    expect(runner.health().live).toBe(false);
    await started;
    clearInterval(ticker);
    expect(runner.model.eventsApplied).toBe(20_000);
    expect(turns).toBeGreaterThan(1);
    await runner.stop();
  });

  it('stops a catch-up under way', async () => {
    const runner = new ProjectionRunner(store);
    const started = runner.start();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await runner.stop();
    await started;
    expect(runner.health().live).toBe(false);
    expect(runner.model.eventsApplied).toBeLessThan(20_000);
  });

  it('holds live folding until released; read-your-writes waits time out meanwhile', async () => {
    const runner = new ProjectionRunner(store);
    await runner.start();
    const release = runner.hold();
    const id = uuidv7();
    const event = allege(id, '2016-02-01', corroboration(uuidv7(), 'missing-source', '2016-02-01'));
    const { position } = await store.append(incidentStream(id), [
      {
        id: uuidv7(),
        type: event.type,
        data: event.data as never,
        metadata: { actor: 'tester', correlationId: 'c', schemaVersion: 1 },
      },
    ]);
    expect(await runner.waitFor(position, 100)).toBe(false);
    expect(runner.model.incidents.has(id)).toBe(false);
    release();
    expect(await runner.waitFor(position, 5_000)).toBe(true);
    expect(runner.model.incidents.has(id)).toBe(true);
    await runner.stop();
  });
});
