import { ApiError, ErrorCode } from '../graphql/error-codes';

/**
 * Bounds the long reads of the projection file that questions about a new past date start (every incident as of
 * the cut): at most `maxRunning` at once, at most `maxWaiting` queued behind them (first come, first served); any
 * more is refused at once with UNAVAILABLE rather than piling up memory and latency. A finished read hands its
 * slot straight to the next in line.
 */
export class ReadGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly maxRunning: number,
    readonly maxWaiting: number,
    /** What the gate bounds, as the refusal names it. */
    private readonly what = 'reads',
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.maxRunning) this.running++;
    else if (this.waiting.length < this.maxWaiting) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else {
      throw new ApiError(
        ErrorCode.UNAVAILABLE,
        `Too many ${this.what} at once (${this.running} running, ` + `${this.waiting.length} waiting): retry shortly.`,
        { retryable: true },
      );
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  get stats(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
