import { ApiError } from '../graphql/error-codes';
import { ReadGate } from './read-gate';

/** A promise and its resolver: lets a test decide when a read may go on. */
function latch(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('ReadGate', () => {
  it('runs at most N at once, queues up to M in arrival order, refuses the rest with UNAVAILABLE', async () => {
    const gate = new ReadGate(2, 1);
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
      message: expect.stringMatching(/Too many reads at once/),
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
    const gate = new ReadGate(1, 0);
    await expect(
      gate.run(async () => {
        throw new Error('store gone');
      }),
    ).rejects.toThrow('store gone');
    expect(await gate.run(async () => 'next')).toBe('next');
  });
});
