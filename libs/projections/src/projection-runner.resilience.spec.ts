import {
  type JsonObject,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
  SqliteEventStore,
  uuidv7,
} from '@app/event-store';
import { ProjectionRunner } from './projection-runner';
import { allege, corroboration, yemenStory } from './testing/event-log.fixtures';

/** A real store whose live subscriptions the test can get hold of, or replace. */
class Store extends SqliteEventStore {
  opened: Subscription[] = [];
  replace?: (options: SubscribeOptions) => Subscription;
  override subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const subscription = this.replace?.(options) ?? super.subscribeToAll(options);
    this.opened.push(subscription);
    return subscription;
  }
}

async function append(store: SqliteEventStore, stream: string, type: string, data: JsonObject): Promise<string> {
  const metadata = { actor: 'tester', correlationId: 'c', schemaVersion: 1 };
  return (await store.append(stream, [{ id: uuidv7(), type, data, metadata }])).position;
}
const newIncident = (store: SqliteEventStore, id: string) => {
  const event = allege(id, '2016-08-01', corroboration(`c-${id}`, 'hrw', '2016-08-01'));
  return append(store, `incident-${id}`, event.type, event.data as unknown as JsonObject);
};
/** Polls until the condition holds; the test's own timeout bounds it. */
const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
};

jest.setTimeout(30_000);

describe('ProjectionRunner when its subscription ends or brings a foreign event', () => {
  let store: Store;
  let runner: ProjectionRunner;
  beforeEach(async () => {
    store = new Store({ path: ':memory:' });
    for (const e of yemenStory().events) await append(store, e.stream, e.type, e.data);
    runner = new ProjectionRunner(store);
  });
  afterEach(async () => {
    await runner.stop();
    await store.close();
  });

  it('reports itself not live when the real SQLite subscription ends quietly, and resumes on start()', async () => {
    await runner.start();
    expect(runner.health()).toMatchObject({ live: true, lastError: null });
    await store.opened[0].close(); // ends the iteration quietly, as a store dropping it would
    await until(() => !runner.health().live);
    expect(runner.health().lastError).toMatch(/ended without an error/);

    const missed = await newIncident(store, 'inc-missed');
    await runner.start(); // what the read model's supervisor does when it sees "not live"
    const live = await newIncident(store, 'inc-live');
    await expect(runner.waitFor(live, 20_000)).resolves.toBe(true);
    expect(store.comparePositions(runner.checkpoint!, missed)).toBeGreaterThan(0);
    expect([...runner.model.incidents.keys()]).toEqual(expect.arrayContaining(['inc-missed', 'inc-live']));
    expect(store.opened).toHaveLength(2);
  });

  it('does the same for any store whose subscription just ends (a fake source)', async () => {
    store.replace = () => ({
      async *[Symbol.asyncIterator]() {
        // Ends at once, delivering nothing, and never fails.
      },
      close: async () => undefined,
    });
    await runner.start();
    await until(() => !runner.health().live);
    expect(runner.health().lastError).toMatch(/ended without an error/);
  });

  it('skips and reports an event another application wrote, and goes on with the next', async () => {
    await runner.start();
    const before = runner.health();
    const at = Number(runner.checkpoint) + 1;
    const stored = (position: number, fields: Partial<StoredEvent>): StoredEvent => ({
      id: uuidv7(),
      type: 'UseAlleged',
      stream: 'incident-next',
      revision: 0,
      position: String(position),
      recordedAt: new Date(),
      data: {},
      metadata: { actor: 'tester', correlationId: 'c', schemaVersion: 1 },
      ...fields,
    });
    const next = allege('inc-next', '2016-08-01', corroboration('c-next', 'hrw', '2016-08-01'));
    const unreadable = { metadata: { actor: '', correlationId: '' }, unreadable: 'binary data' };
    const foreign = stored(at, { stream: 'incident-foreign', ...unreadable });
    const ours = stored(at + 1, { data: next.data as unknown as JsonObject });
    // A fake source: the foreign event, then one of ours, then it stays open until closed.
    let closed!: () => void;
    const closing = new Promise<void>((resolve) => (closed = resolve));
    store.replace = () => ({
      async *[Symbol.asyncIterator]() {
        yield foreign;
        yield ours;
        await closing;
      },
      close: async () => closed(),
    });
    await store.opened[0].close();
    await until(() => !runner.health().live);
    const resumed = runner.start();
    await expect(runner.waitFor(ours.position, 20_000)).resolves.toBe(true);
    await resumed;
    const after = runner.health();
    expect(after).toMatchObject({ live: true, skipped: before.skipped + 1, eventsApplied: before.eventsApplied + 1 });
    expect(after.skippedEventIds).toContain(foreign.id);
    expect(runner.model.incidents.has('inc-next')).toBe(true);
  });
});
