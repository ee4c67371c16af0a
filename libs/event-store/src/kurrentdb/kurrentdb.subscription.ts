import type { AllStreamSubscription } from '@kurrent/kurrentdb-client';
import { StoreUnavailableError } from '../errors';
import type { Position, StoredEvent, Subscription } from '../event-store.port';
import { comparePositions, toStoreError, toStoredEvent } from './kurrentdb.mapping';

/** Quiet ends in a row, with nothing delivered in between, before the subscription gives up with an error. */
const MAX_QUIET_ENDS = 5;
const RESUBSCRIBE_DELAY_MS = 200;

/**
 * Wraps the client's Readable subscription: maps events and errors, and ends quietly on close() only.
 * When the server ends the stream without an error, it subscribes again from the last event delivered
 * (the port promises a live subscription until close()); when the consumer leaves the loop early, it
 * unsubscribes, so that the server does not stream on to no one.
 */
export function toSubscription(
  open: (from: Position | undefined) => AllStreamSubscription,
  checkpoint: Position | undefined,
  onClose: () => void,
): Subscription {
  let closed = false;
  let last = checkpoint;
  let upstream: AllStreamSubscription;
  // The client emits 'error' by hand: without a listener an early failure would crash the process,
  // and an iterator started after it would wait forever. Keep it and rethrow it on iteration.
  let failure: Error | undefined;
  const connect = () => {
    failure = undefined;
    const current = open(last);
    current.on('error', (error) => {
      if (upstream === current) failure ??= error;
    });
    upstream = current;
  };
  connect();

  const subscription: Subscription = {
    async *[Symbol.asyncIterator]() {
      let quietEnds = 0;
      try {
        while (!closed) {
          if (failure !== undefined) throw failure;
          for await (const resolved of upstream) {
            const event: StoredEvent | undefined = toStoredEvent(resolved);
            // Belt and braces: never deliver the checkpoint (or anything before it) twice.
            if (!event || (last !== undefined && comparePositions(event.position, last) <= 0)) continue;
            last = event.position;
            quietEnds = 0;
            yield event;
          }
          if (closed) return;
          // Set by the 'error' listener meanwhile (the compiler still sees the check above).
          const failed = failure as Error | undefined;
          if (failed !== undefined) throw failed;
          if (++quietEnds > MAX_QUIET_ENDS) {
            const message = `KurrentDB ended the subscription ${quietEnds} times in a row without an error`;
            throw new StoreUnavailableError(message);
          }
          await new Promise((resolve) => setTimeout(resolve, RESUBSCRIBE_DELAY_MS * quietEnds));
          if (!closed) connect();
        }
      } catch (error) {
        if (closed) return;
        throw toStoreError(error);
      } finally {
        // Also when the consumer leaves early (break, return, a throw in its loop body).
        await subscription.close();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      onClose();
      try {
        await upstream.unsubscribe();
      } catch {
        // The call never started (no channel): there is nothing to cancel.
      } finally {
        upstream.destroy();
      }
    },
  };
  return subscription;
}
