/**
 * Calls `release` once nothing has touched it for `idleMs`: caches of questions about the past keep what a burst
 * of requests at one date reads again (a page, its tally, its map), and then give the memory back instead of
 * holding hundreds of MiB for a date nobody asks about any more. One unref'd timer at a time, re-armed lazily, so
 * a busy cache costs a clock read per use and never keeps the process alive.
 */
export class IdleRelease {
  private lastUse = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly idleMs: number,
    private readonly release: () => void,
  ) {}

  touch(): void {
    this.lastUse = Date.now();
    if (this.timer === null) this.arm(this.idleMs);
  }

  /** Stops the timer without releasing (the owner is going away or clearing itself). */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      const left = this.lastUse + this.idleMs - Date.now();
      if (left > 0) this.arm(left);
      else this.release();
    }, ms);
    this.timer.unref();
  }
}
