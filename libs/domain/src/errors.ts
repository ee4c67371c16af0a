/** Stable codes, translated once into GraphQL `extensions.code` at the edge. */
export type DomainErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT';

/** A command refused by the domain. `field` names the failing input field where there is one. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (message: string, field?: string) => new DomainError('BAD_USER_INPUT', message, field);
export const notFound = (message: string, field?: string) => new DomainError('NOT_FOUND', message, field);
export const conflict = (message: string, field?: string) => new DomainError('CONFLICT', message, field);
