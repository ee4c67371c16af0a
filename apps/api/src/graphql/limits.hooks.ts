import { type DocumentNode, GraphQLError, type GraphQLSchema, Kind, specifiedRules, validate } from 'graphql';
import { costLimitRule, type GraphQLLimits, limitRules } from './limits';

/** Shaped like Mercurius' own MER_ERR_GQL_VALIDATION, so the error formatter treats both alike. */
export class LimitValidationError extends Error {
  readonly code = 'MER_ERR_GQL_VALIDATION';
  readonly statusCode = 400;
  constructor(readonly errors: readonly GraphQLError[]) {
    super('Graphql validation error');
  }
}

const usesVariables = (document: DocumentNode): boolean =>
  document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && (d.variableDefinitions?.length ?? 0) > 0);

/**
 * Mercurius hooks that complete the validation rules:
 * - preValidation: only a parsed GraphQL document goes on to validation;
 * - preExecution: the cached validation could not see variables, so `first` and the cost are checked again
 *   with the (already coerced) variable values; documents without variables were fully checked already.
 * - preSubscriptionExecution: Mercurius does not validate WebSocket documents at all, so run graphql-js'
 *   rules and ours there (variables are not visible there: a variable `first` counts at the default).
 */
export function limitHooks(limits: GraphQLLimits) {
  const subscriptionRules = [...specifiedRules, ...limitRules(limits)];
  return {
    // When a query does not parse, Mercurius tries it as a JSON-encoded AST: `{}` would reach validation
    // as a "document" without definitions and crash graphql-js. Refuse anything that is not a Document.
    preValidation: async (_schema: GraphQLSchema, document: DocumentNode) => {
      if (document?.kind !== Kind.DOCUMENT || !Array.isArray(document.definitions)) {
        throw new LimitValidationError([new GraphQLError('Syntax Error: the query is not a GraphQL document.')]);
      }
    },
    preExecution: async (schema: GraphQLSchema, document: DocumentNode, _context: unknown, variables?: Record<string, unknown>) => {
      if (!usesVariables(document)) return;
      const errors = validate(schema, document, [costLimitRule(limits.maxCost, limits.maxFirst, variables ?? {})]);
      if (errors.length) throw new LimitValidationError(errors);
    },
    preSubscriptionExecution: async (schema: GraphQLSchema, document: DocumentNode) => {
      const errors = validate(schema, document, subscriptionRules);
      // Mercurius sends a thrown subscription error as is: the GraphQLError itself keeps its extensions.
      if (errors.length) throw errors[0];
    },
  };
}
