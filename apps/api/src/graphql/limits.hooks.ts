import { type DocumentNode, GraphQLError, type GraphQLSchema, Kind, specifiedRules, validate, visit } from 'graphql';
import { costLimitRule, type GraphQLLimits, limitRules } from './limits';

/** Shaped like Mercurius' own MER_ERR_GQL_VALIDATION, so the error formatter treats both alike. */
export class LimitValidationError extends Error {
  readonly code = 'MER_ERR_GQL_VALIDATION';
  readonly statusCode = 400;
  constructor(readonly errors: readonly GraphQLError[]) {
    super('Graphql validation error');
  }
}

/** True when some `first` takes its value from a variable: the only way variables change the cost check. */
function firstFromVariable(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Argument(node) {
      if (node.name.value === 'first' && node.value.kind === Kind.VARIABLE) found = true;
    },
  });
  return found;
}

/**
 * Per parsed document, which Mercurius keeps and hands over again for the same query string: whether the
 * cached validation left anything for the variables. Worked out once per document, not per request.
 */
function needsVariableCheck(memo: WeakMap<DocumentNode, boolean>, document: DocumentNode): boolean {
  let needs = memo.get(document);
  if (needs === undefined) {
    needs = firstFromVariable(document);
    memo.set(document, needs);
  }
  return needs;
}

/**
 * Mercurius hooks that complete the validation rules:
 * - preValidation: only a parsed GraphQL document goes on to validation;
 * - preExecution: the cached validation could not see variables, so when a `first` comes from a variable,
 *   `first` and the cost are checked again with the (already coerced) variable values; any other document
 *   was fully checked already (variables elsewhere do not change the cost).
 * - preSubscriptionExecution: Mercurius does not validate WebSocket documents at all, so run graphql-js'
 *   rules and ours there (variables are not visible there: a variable `first` counts at the default).
 */
export function limitHooks(limits: GraphQLLimits) {
  const subscriptionRules = [...specifiedRules, ...limitRules(limits)];
  const checkVariables = new WeakMap<DocumentNode, boolean>();
  return {
    // When a query does not parse, Mercurius tries it as a JSON-encoded AST: `{}` would reach validation
    // as a "document" without definitions and crash graphql-js. Refuse anything that is not a Document.
    preValidation: async (_schema: GraphQLSchema, document: DocumentNode) => {
      if (document?.kind !== Kind.DOCUMENT || !Array.isArray(document.definitions)) {
        throw new LimitValidationError([new GraphQLError('Syntax Error: the query is not a GraphQL document.')]);
      }
    },
    preExecution: async (
      schema: GraphQLSchema,
      document: DocumentNode,
      _context: unknown,
      variables?: Record<string, unknown>,
    ) => {
      if (!needsVariableCheck(checkVariables, document)) return;
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
