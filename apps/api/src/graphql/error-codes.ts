/** The stable `extensions.code` values clients can rely on. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNAVAILABLE: 'UNAVAILABLE',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Raised at the edge (validation, auth, lookups): already carries its code and details. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** class-validator failures, flattened to dotted field paths (`input.location.countryCode`). */
export class InputValidationError extends ApiError {
  constructor(readonly fields: FieldProblem[]) {
    super(ErrorCode.BAD_USER_INPUT, fields.map((f) => `${f.field}: ${f.problems.join('; ')}`).join(' | '), {
      field: fields[0]?.field,
      fields,
    });
  }
}

/** The projection file cannot answer yet (catching up at start, or a file swapped or closed while it was read). */
export const unavailable = (
  message = 'The registry is starting: its projection file is catching up with the event store; retry shortly.',
): ApiError => new ApiError(ErrorCode.UNAVAILABLE, message, { retryable: true });
