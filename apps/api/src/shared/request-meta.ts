import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { uuidv7 } from '@app/event-store';
import { type WriteReceipt, type WriteReceiptSink, writeReceiptsOf } from './write-receipt';

/**
 * Who is asking and under which correlation id: the part of a command's metadata the request gives; and
 * where the request collects what its commands wrote (see WriteReceipt).
 */
export interface RequestMeta {
  actor: string;
  correlationId: string;
  writes?: WriteReceipt[];
  /** Decide without appending (the CLI checks a whole import before writing any of it). */
  dryRun?: boolean;
}

const CORRELATION_ID = /^[\w.:-]{1,128}$/;

export function requestMetaOf(
  context: { req?: { headers?: Record<string, unknown>; user?: { name: string } } } & WriteReceiptSink,
): RequestMeta {
  const header = context.req?.headers?.['x-correlation-id'];
  return {
    actor: context.req?.user?.name ?? 'anonymous',
    correlationId: typeof header === 'string' && CORRELATION_ID.test(header) ? header : uuidv7(),
    writes: writeReceiptsOf(context),
  };
}

export const Meta = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestMeta =>
  requestMetaOf(GqlExecutionContext.create(ctx).getContext()));
