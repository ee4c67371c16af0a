import type { ExecutionResult } from 'graphql';
import type { WriteReceiptSink } from '../shared/write-receipt';

/**
 * When a mutation answered before this instance's projection file showed its write, the response says so in
 * `extensions.readYourWrites`: `behind: true` and what was written (stream, event ids, revisions, position).
 * The mutation's data was then folded in memory from the written streams read straight from the store (see
 * read-store/answers-after-writes.ts), not read from the projection file; queries catch up a moment later.
 */
export async function readYourWritesHook(execution: ExecutionResult, context: WriteReceiptSink): Promise<void> {
  const writes = context.writes;
  if (!writes || writes.every((w) => w.visible)) return;
  (execution as { extensions?: Record<string, unknown> }).extensions = {
    ...execution.extensions,
    readYourWrites: { behind: true, writes },
  };
}
