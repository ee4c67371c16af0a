import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { assignedRequestId, requestIdOf } from '../logging/request-id';

/** Who is asking and under which correlation id: the part of a command's metadata the request gives. */
export interface RequestMeta { actor: string; correlationId: string }

interface RequestLike { headers?: Record<string, unknown>; raw?: unknown; user?: { name: string } }

/** The correlation id is the request id the log line carries (logging/request-id.ts). */
export function requestMetaOf(context: { req?: RequestLike }): RequestMeta {
  const req = context.req;
  return {
    actor: req?.user?.name ?? 'anonymous',
    correlationId: assignedRequestId(req?.raw) ?? requestIdOf(req?.headers),
  };
}

export const Meta = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestMeta =>
  requestMetaOf(GqlExecutionContext.create(ctx).getContext()));
