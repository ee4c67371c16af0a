import { type ReadAllOptions, SqliteEventStore, type StoredEvent, uuidv7 } from '@app/event-store';
import { type RegistryModel, buildModel } from '@app/projections';
import { yemenStory } from '../../../../libs/projections/src/testing/event-log.fixtures';
import { ApiError } from '../graphql/error-codes';
import { ModelsAt } from './model-at';
import { ReplayGate } from './replay-gate';

/** A promise and its resolver: lets a test decide when a replay may go on. */
function latch(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('ReplayGate', () => {
  it('runs at most N at once, queues up to M in arrival order, refuses the rest with UNAVAILABLE', async () => {
    const gate = new ReplayGate(2, 1);
    const started: number[] = [];
    const latches = [latch(), latch(), latch()];
    const runs = latches.map((l, i) =>
      gate.run(async () => {
        started.push(i);
        await l.opened;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(gate.stats).toEqual({ running: 2, waiting: 1 });
    const refused = gate.run(async () => 99);
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/Too many time-travel replays/),
    });

    latches[1].open();
    expect(await runs[1]).toBe(1);
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]); // the freed slot went to the one waiting
    latches[0].open();
    latches[2].open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(gate.stats).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot when a replay fails', async () => {
    const gate = new ReplayGate(1, 0);
    await expect(
      gate.run(async () => {
        throw new Error('store gone');
      }),
    ).rejects.toThrow('store gone');
    expect(await gate.run(async () => 'next')).toBe('next');
  });
});

/** A real store whose full reads wait for a latch and are counted: what ModelsAt replays, and when. */
class CountingStore extends SqliteEventStore {
  fullReads = 0;
  gate: Promise<void> = Promise.resolve();
  override async *readAllBatches(options?: ReadAllOptions): AsyncIterable<StoredEvent[]> {
    this.fullReads++;
    await this.gate;
    yield* super.readAllBatches(options);
  }
}

describe('ModelsAt: full replays are bounded and shared', () => {
  let store: CountingStore;
  let live: RegistryModel;
  beforeAll(async () => {
    store = new CountingStore({ path: ':memory:' });
    const events = yemenStory().events;
    for (const e of events)
      await store.append(e.stream, [{ id: uuidv7(), type: e.type, data: e.data, metadata: e.metadata }]);
    const stored: StoredEvent[] = [];
    for await (const page of store.readAllBatches()) stored.push(...page);
    live = buildModel(stored);
  });
  afterAll(() => store.close());

  const cut = (iso: string) => ({ clock: 'RECORDED' as const, at: new Date(iso) });

  it('identical cuts in flight share one replay; distinct ones past the bound are refused, not replayed', async () => {
    const modelsAt = new ModelsAt(store, new ReplayGate(1, 0));
    const hold = latch();
    store.gate = hold.opened;
    store.fullReads = 0;
    const same = [1, 2, 3].map(() => modelsAt.at(cut('2100-01-01T00:00:00Z'), live));
    const other = modelsAt.at(cut('2100-01-02T00:00:00Z'), live);
    await expect(other).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    hold.open();
    const models = await Promise.all(same);
    expect(new Set(models).size).toBe(1);
    expect(store.fullReads).toBe(1);
    expect(models[0].incidents.size).toBe(live.incidents.size);
    // The refused cut was not cached as a failure: asked again once the slot is free, it replays.
    expect((await modelsAt.at(cut('2100-01-02T00:00:00Z'), live)).incidents.size).toBe(live.incidents.size);
    expect(store.fullReads).toBe(2);
  });

  it('keeps a model while it is asked for, and lets it go once idle (asked again, it replays)', async () => {
    const modelsAt = new ModelsAt(store, new ReplayGate(1, 0), 2000);
    store.fullReads = 0;
    const first = await modelsAt.at(cut('2100-01-03T00:00:00Z'), live);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await modelsAt.at(cut('2100-01-03T00:00:00Z'), live)).toBe(first);
    expect(store.fullReads).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const again = await modelsAt.at(cut('2100-01-03T00:00:00Z'), live);
    expect(again).not.toBe(first);
    expect(store.fullReads).toBe(2);
    expect(again.incidents.size).toBe(first.incidents.size);
  }, 30_000);
});
