/**
 * A tiny in-memory publish/subscribe feed whose subscriptions are async iterators, as graphql-js
 * `subscribe()` wants (driver-neutral; see STACK-NOTES problem 5). A subscriber receives only what is
 * published after it subscribed; `return()` (the client unsubscribing or disconnecting) removes it.
 */
export class LiveFeed<T> {
  private readonly subscribers = new Set<(value: T) => void>();

  /** How many subscriptions are open (lets callers skip building payloads nobody waits for). */
  get size(): number {
    return this.subscribers.size;
  }

  publish(value: T): void {
    for (const push of this.subscribers) push(value);
  }

  subscribe(accept: (value: T) => boolean = () => true): AsyncIterableIterator<T> {
    const queue: T[] = [];
    let waiting: ((result: IteratorResult<T>) => void) | null = null;
    let done = false;
    const push = (value: T) => {
      if (!accept(value)) return;
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ value, done: false });
      } else queue.push(value);
    };
    this.subscribers.add(push);
    const finish = (): Promise<IteratorResult<T>> => {
      done = true;
      this.subscribers.delete(push);
      queue.length = 0;
      if (waiting) waiting({ value: undefined, done: true });
      waiting = null;
      return Promise.resolve({ value: undefined, done: true });
    };
    return {
      next: () => {
        if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (waiting = resolve));
      },
      return: finish,
      throw: (error?: unknown) => finish().then(() => Promise.reject(error)),
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}
