import type { ExecutionResult } from 'graphql';
import { GraphQLError } from 'graphql';
import { mapError } from './error-mapping';
import { wantsGraphQLResponse } from './graphql-http.hooks';

type Execution = ExecutionResult & { statusCode?: number };

function flatten(errors: readonly GraphQLError[]): GraphQLError[] {
  // Mercurius wraps document validation errors in one MER_ERR_GQL_VALIDATION error.
  return errors.flatMap((error) => {
    const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
    if (!Array.isArray(inner)) return [error];
    return inner.map((e) => (e instanceof GraphQLError ? e : new GraphQLError(String((e as Error)?.message ?? e))));
  });
}

interface FormatterContext {
  reply?: { request?: { headers?: Record<string, unknown> } };
}

/** The HTTP status Fastify or Mercurius attached to a request-level failure (4xx), if any. */
function requestStatus(errors: readonly GraphQLError[]): number | undefined {
  const original = errors[0]?.originalError as { statusCode?: unknown; code?: unknown } | undefined;
  if (typeof original?.statusCode !== 'number' || original.statusCode < 400 || original.statusCode >= 500)
    return undefined;
  // Document and variable failures: the status depends on the media type (below), as the spec asks.
  return original.code === 'MER_ERR_GQL_VALIDATION' ? undefined : original.statusCode;
}

/**
 * Mercurius' errorFormatter: every error gets a stable `extensions.code` (see error-mapping.ts). HTTP
 * status per the GraphQL-over-HTTP spec: 200 when there is data; a malformed HTTP request keeps its 4xx;
 * a document that fails to parse or validate (or variables that fail to coerce) is 200 with
 * application/json and 400 without a `data` entry with application/graphql-response+json.
 */
export function errorFormatter(execution: Execution, context?: FormatterContext) {
  const errors = flatten(execution.errors ?? []).map((error) => {
    const mapped = mapError(error);
    return { message: mapped.message, locations: error.locations, path: error.path, extensions: mapped.extensions };
  });
  const modern = wantsGraphQLResponse(context?.reply?.request?.headers?.accept);
  const requestFailed = execution.data === undefined;
  const status = execution.data
    ? 200
    : (requestStatus(execution.errors ?? []) ?? (requestFailed && modern ? 400 : 200));
  const response = requestFailed && modern ? { errors } : { data: execution.data ?? null, errors };
  return { statusCode: status, response };
}
