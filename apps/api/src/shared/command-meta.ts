import { uuidv7 } from '@app/event-store';
import type { CommandInput } from './command.input';
import type { CommandMeta } from './command-executor';
import { inputHash, keyedId } from './keyed-id';
import type { RequestMeta } from './request-meta';

/** A new entity id: derived from the idempotency key when there is one, so that a retry reuses it. */
export function newId(input: CommandInput, purpose: string): string {
  return input.idempotencyKey ? keyedId(input.idempotencyKey, purpose) : uuidv7();
}

/** The command's metadata: the request's actor and correlation id, plus the input's concurrency options. */
export function commandMeta(operation: string, input: CommandInput, meta: RequestMeta): CommandMeta {
  return {
    ...meta,
    expectedRevision: input.expectedRevision,
    ...(input.idempotencyKey
      ? { idempotencyKey: input.idempotencyKey, inputHash: inputHash({ operation, input }) }
      : {}),
  };
}
