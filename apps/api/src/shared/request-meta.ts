import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { uuidv7 } from '@app/event-store';

/** Who is asking and under which correlation id: the part of a command's metadata the request gives. */
export interface RequestMeta {
  actor: string;
  correlationId: string;
  /** Decide without appending (the CLI checks a whole import before writing any of it). */
  dryRun?: boolean;
}

const CORRELATION_ID = /^[\w.:-]{1,128}$/;

export function requestMetaOf(context: { req?: { headers?: Record<string, unknown>; user?: { name: string } } }): RequestMeta {
  const header = context.req?.headers?.['x-correlation-id'];
  return {
    actor: context.req?.user?.name ?? 'anonymous',
    correlationId: typeof header === 'string' && CORRELATION_ID.test(header) ? header : uuidv7(),
  };
}

export const Meta = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestMeta =>
  requestMetaOf(GqlExecutionContext.create(ctx).getContext()));
