import type { ExecutionResult } from 'graphql';
import { GraphQLError } from 'graphql';
import { mapError } from './error-mapping';

type Execution = ExecutionResult & { statusCode?: number };

function flatten(errors: readonly GraphQLError[]): GraphQLError[] {
  // Mercurius wraps document validation errors in one MER_ERR_GQL_VALIDATION error.
  return errors.flatMap((error) => {
    const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
    if (!Array.isArray(inner)) return [error];
    return inner.map((e) => (e instanceof GraphQLError ? e : new GraphQLError(String((e as Error)?.message ?? e))));
  });
}

/**
 * Mercurius' errorFormatter: every error gets a stable `extensions.code` (see error-mapping.ts). The
 * HTTP status follows Mercurius' defaults: 200 when there is data, 400 for invalid documents.
 */
export function errorFormatter(execution: Execution) {
  const errors = flatten(execution.errors ?? []).map((error) => {
    const mapped = mapError(error);
    return { message: mapped.message, locations: error.locations, path: error.path, extensions: mapped.extensions };
  });
  let statusCode = execution.data ? 200 : (execution.statusCode ?? 200);
  if (!execution.data && execution.statusCode === undefined) statusCode = 200;
  return { statusCode, response: { data: execution.data ?? null, errors } };
}
