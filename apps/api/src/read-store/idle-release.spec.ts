import { IdleRelease } from './idle-release';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('IdleRelease', () => {
  it('releases once nothing touched it for idleMs; every touch before then postpones it', async () => {
    let released = 0;
    const idle = new IdleRelease(1500, () => released++);
    idle.touch();
    for (let i = 0; i < 4; i++) {
      await sleep(100);
      idle.touch();
    }
    expect(released).toBe(0); // 400 ms since the first touch, never 1.5 s without one
    await sleep(2500);
    expect(released).toBe(1);
    await sleep(2000);
    expect(released).toBe(1); // untouched since: nothing more to release
    idle.touch();
    await sleep(2500);
    expect(released).toBe(2);
  }, 30_000);

  it('cancel stops a pending release', async () => {
    let released = 0;
    const idle = new IdleRelease(50, () => released++);
    idle.touch();
    idle.cancel();
    await sleep(150);
    expect(released).toBe(0);
  });
});
