import type { Position } from '@app/event-store';

interface Waiter {
  position: Position;
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

/** Callers waiting for a checkpoint to reach a store position (read-your-writes), each with its own timeout. */
export class PositionWaiters {
  private waiting: Waiter[] = [];

  constructor(private readonly compare: (a: Position, b: Position) => number) {}

  /** Resolves true once `release` is told of a checkpoint at or past `position`; false after `timeoutMs`. */
  wait(position: Position, checkpoint: Position | null, timeoutMs: number): Promise<boolean> {
    if (this.reached(checkpoint, position)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiting = this.waiting.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs),
      };
      this.waiting.push(waiter);
    });
  }

  release(checkpoint: Position | null): void {
    if (this.waiting.length === 0 || checkpoint === null) return;
    this.waiting = this.waiting.filter((w) => {
      if (!this.reached(checkpoint, w.position)) return true;
      clearTimeout(w.timer);
      w.resolve(true);
      return false;
    });
  }

  /** Shutting down: every waiter is told false at once. */
  releaseAll(): void {
    for (const w of this.waiting) {
      clearTimeout(w.timer);
      w.resolve(false);
    }
    this.waiting = [];
  }

  private reached(checkpoint: Position | null, position: Position): boolean {
    return checkpoint !== null && this.compare(checkpoint, position) >= 0;
  }
}
