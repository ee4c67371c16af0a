import { IdleRelease } from './idle-release';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('IdleRelease', () => {
  it('releases once nothing touched it for idleMs; every touch before then postpones it', async () => {
    let released = 0;
    const idle = new IdleRelease(600, () => released++);
    idle.touch();
    for (let i = 0; i < 4; i++) {
      await sleep(100);
      idle.touch();
    }
    expect(released).toBe(0); // 400 ms since the first touch, never 600 ms without one
    await sleep(1000);
    expect(released).toBe(1);
    await sleep(700);
    expect(released).toBe(1); // untouched since: nothing more to release
    idle.touch();
    await sleep(1000);
    expect(released).toBe(2);
  });

  it('cancel stops a pending release', async () => {
    let released = 0;
    const idle = new IdleRelease(50, () => released++);
    idle.touch();
    idle.cancel();
    await sleep(150);
    expect(released).toBe(0);
  });
});
