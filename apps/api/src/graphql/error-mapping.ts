import { Logger } from '@nestjs/common';
import { DomainError } from '@app/domain';
import { ConcurrencyConflictError, EventTooLargeError, StoreUnavailableError } from '@app/event-store';
import { GraphQLError } from 'graphql';
import { ApiError, ErrorCode } from './error-codes';

export interface MappedError {
  message: string;
  extensions: { code: ErrorCode } & Record<string, unknown>;
}

const logger = new Logger('GraphQLErrors');

/**
 * The one translation from anything thrown to a GraphQL error with a stable code. Unknown errors are
 * logged with their stack and reach the client as INTERNAL_SERVER_ERROR without internals.
 */
export function mapError(error: GraphQLError): MappedError {
  const original = error.originalError;
  if (original instanceof ApiError)
    return { message: original.message, extensions: { code: original.code, ...original.details } };
  if (original instanceof DomainError) {
    return {
      message: original.message,
      extensions: { code: original.code, ...(original.field ? { field: original.field } : {}) },
    };
  }
  if (original instanceof ConcurrencyConflictError) {
    return {
      message: `Conflict: ${original.message}. Reload and try again.`,
      extensions: {
        code: ErrorCode.CONFLICT,
        expectedRevision: String(original.expected),
        actualRevision: String(original.actual),
      },
    };
  }
  if (original instanceof StoreUnavailableError) {
    return {
      message: 'The event store is unavailable; try again shortly.',
      extensions: { code: ErrorCode.UNAVAILABLE },
    };
  }
  if (original instanceof EventTooLargeError)
    return { message: original.message, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  if (!original || original instanceof GraphQLError) {
    // Our validation rules (limits.ts) already name their code.
    const code = error.extensions?.code;
    if (typeof code === 'string' && code in ErrorCode)
      return { message: error.message, extensions: { ...error.extensions, code: code as ErrorCode } };
    // Errors graphql-js raised itself: syntax, document validation, variable coercion.
    if (/^Syntax Error/.test(error.message))
      return { message: error.message, extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED } };
    if (
      /^Variable "\$|^Argument "|got invalid value|of required type|was not provided|cannot represent/.test(
        error.message,
      )
    ) {
      return { message: error.message, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    if (!error.path) return { message: error.message, extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED } };
    if (original) return { message: error.message, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  const status = (original as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify refused the HTTP request itself: broken JSON, body too large, unsupported content type.
    return { message: original!.message, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  logger.error(`Unexpected error at ${error.path?.join('.') ?? '?'}: ${original?.stack ?? error.message}`);
  return { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}
