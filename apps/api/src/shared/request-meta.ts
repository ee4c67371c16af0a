import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { type WriteReceipt, type WriteReceiptSink, writeReceiptsOf } from './write-receipt';
import { assignedRequestId, requestIdOf } from '../logging/request-id';

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

interface RequestLike {
  headers?: Record<string, unknown>;
  raw?: unknown;
  user?: { name: string };
}

/** The correlation id is the request id the log line carries (logging/request-id.ts). */
export function requestMetaOf(context: { req?: RequestLike } & WriteReceiptSink): RequestMeta {
  const req = context.req;
  return {
    actor: req?.user?.name ?? 'anonymous',
    correlationId: assignedRequestId(req?.raw) ?? requestIdOf(req?.headers),
    writes: writeReceiptsOf(context),
  };
}

export const Meta = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestMeta =>
  requestMetaOf(GqlExecutionContext.create(ctx).getContext()),
);
