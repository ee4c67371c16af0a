import {
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  NoSchemaIntrospectionCustomRule,
  SchemaMetaFieldDef,
  type SelectionSetNode,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';
import { ErrorCode } from './error-codes';

/** The request-shape limits; every one is set from the environment (see config.ts and docs/security.md). */
export interface GraphQLLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  /** Largest `first` a list accepts (never above 500). */
  maxFirst: number;
  introspection: boolean;
}

/** How many items a list without a `first` argument is assumed to hold (paged `edges`/`nodes` excepted). */
export const UNPAGED_LIST_SIZE = 10;
/** The page size assumed when `first` is left out (the resolvers' default). */
export const DEFAULT_FIRST = 20;

type Variables = Record<string, unknown> | undefined;

function limitError(limit: string, message: string, max: number, actual: number, node?: FieldNode): GraphQLError {
  return new GraphQLError(message, {
    nodes: node ? [node] : undefined,
    extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, limit, max, actual },
  });
}

type Fragments = Record<string, FragmentDefinitionNode>;

function fragmentsOf(context: ValidationContext): Fragments {
  return Object.fromEntries(
    context
      .getDocument()
      .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
}

/** `__schema`, `__type` (and `__typename`): what introspection asks; production refuses the first two outright. */
const isIntrospectionField = (name: string) => name.startsWith('__');

/**
 * Depth of field nesting, following fragments; each fragment's depth is computed once (no blow-up, no
 * cycles). Introspection fields are not counted: the standard introspection query nests 15 deep through
 * `ofType`, which costs nothing, and the cost rule still weighs their lists.
 */
function depthOf(set: SelectionSetNode | undefined, fragments: Fragments, memo: Map<string, number>): number {
  let deepest = 0;
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (isIntrospectionField(selection.name.value)) continue;
      deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, fragments, memo));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, memo));
    } else {
      const name = selection.name.value;
      if (!memo.has(name) && fragments[name]) {
        memo.set(name, 0);
        memo.set(name, depthOf(fragments[name].selectionSet, fragments, memo));
      }
      deepest = Math.max(deepest, memo.get(name) ?? 0);
    }
  }
  return deepest;
}

export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const depth = depthOf(operation.selectionSet, fragmentsOf(context), new Map());
      if (depth > maxDepth) {
        context.reportError(
          limitError('depth', `Query depth ${depth} exceeds the limit of ${maxDepth}`, maxDepth, depth),
        );
      }
    },
  });
}

export function aliasLimitRule(maxAliases: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases++;
      },
      Document: {
        leave() {
          if (aliases > maxAliases) {
            context.reportError(
              limitError(
                'aliases',
                `The document uses ${aliases} aliases; the limit is ${maxAliases}`,
                maxAliases,
                aliases,
              ),
            );
          }
        },
      },
    };
  };
}

/**
 * The value of a `first` argument: a number; undefined when absent or null (the resolver's default
 * applies); or NaN for a variable whose value is not known yet (the cached validation).
 */
function firstValue(node: FieldNode, variables: Variables): number | undefined {
  const arg = node.arguments?.find((a) => a.name.value === 'first');
  if (!arg) return undefined;
  const value: ValueNode = arg.value;
  const given =
    value.kind === Kind.VARIABLE ? (variables ? variables[value.name.value] : Number.NaN) : valueFromASTUntyped(value);
  return typeof given === 'number' ? given : undefined;
}

function multiplierOf(
  node: FieldNode,
  field: GraphQLField<unknown, unknown> | null | undefined,
  first: number | undefined,
): number {
  if (field?.args.some((a) => a.name === 'first')) {
    // An unknown variable counts at the default here; the check before execution sees its value.
    return first === undefined || Number.isNaN(first) ? DEFAULT_FIRST : Math.max(1, first);
  }
  const listed = field && isListType(getNullableType(field.type));
  if (!listed || node.name.value === 'edges' || node.name.value === 'nodes') return 1;
  return UNPAGED_LIST_SIZE;
}

/** The field a selection names, the introspection meta-fields included (so that their lists count too). */
function fieldOf(
  schema: GraphQLSchema,
  parent: GraphQLNamedType | undefined,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

interface CostWalk {
  schema: GraphQLSchema;
  fragments: Fragments;
  variables: Variables;
  maxFirst: number;
  maxCost: number;
  cost: number;
  tooLarge: FieldNode[];
}

/**
 * Adds the cost of a selection set to walk.cost; stops as soon as the limit is passed
 * (every field costs at least 1).
 */
function addCost(
  walk: CostWalk,
  set: SelectionSetNode | undefined,
  parent: GraphQLNamedType | undefined,
  scale: number,
  path: Set<string>,
): void {
  for (const selection of set?.selections ?? []) {
    if (walk.cost > walk.maxCost) return;
    if (selection.kind === Kind.FIELD) {
      const field = fieldOf(walk.schema, parent, selection.name.value);
      const first = firstValue(selection, walk.variables);
      if (typeof first === 'number' && (first > walk.maxFirst || first < 0)) walk.tooLarge.push(selection);
      walk.cost += scale;
      if (selection.selectionSet) {
        addCost(
          walk,
          selection.selectionSet,
          field && getNamedType(field.type),
          scale * multiplierOf(selection, field, first),
          path,
        );
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      addCost(walk, selection.selectionSet, type ?? undefined, scale, path);
    } else {
      const fragment = walk.fragments[selection.name.value];
      if (!fragment || path.has(fragment.name.value)) continue;
      const type = walk.schema.getType(fragment.typeCondition.name.value) ?? undefined;
      addCost(walk, fragment.selectionSet, type, scale, new Set(path).add(fragment.name.value));
    }
  }
}

/**
 * A static cost: every field costs 1, times the sizes of the lists it sits in (`first`, or the defaults
 * above). Mercurius caches validation per document, without variables, so a `first` given by a variable
 * is checked again with its value before execution (limits.hooks.ts). `first` outside 0..maxFirst is
 * refused here too.
 */
export function costLimitRule(maxCost: number, maxFirst: number, variables?: Variables): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const schema = context.getSchema();
      const root = schema.getRootType(operation.operation) ?? undefined;
      // Declared defaults apply to variables the request leaves out.
      const defaults = Object.fromEntries(
        (operation.variableDefinitions ?? [])
          .filter((d) => d.defaultValue)
          .map((d) => [d.variable.name.value, valueFromASTUntyped(d.defaultValue!)]),
      );
      const known = variables && { ...defaults, ...variables };
      const walk: CostWalk = {
        schema,
        fragments: fragmentsOf(context),
        variables: known,
        maxFirst,
        maxCost,
        cost: 0,
        tooLarge: [],
      };
      addCost(walk, operation.selectionSet, root, 1, new Set());
      for (const node of walk.tooLarge) {
        const first = firstValue(node, known);
        context.reportError(
          new GraphQLError(`first must be between 0 and ${maxFirst} (got ${first})`, {
            nodes: [node],
            extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'first', max: maxFirst },
          }),
        );
      }
      if (walk.cost > maxCost) {
        context.reportError(limitError('cost', `Query cost exceeds the limit of ${maxCost}`, maxCost, walk.cost));
      }
    },
  });
}

/** The rules Mercurius runs (and caches) for every HTTP document, after graphql-js' own. */
export function limitRules(limits: GraphQLLimits): ValidationRule[] {
  const rules = [
    depthLimitRule(limits.maxDepth),
    aliasLimitRule(limits.maxAliases),
    costLimitRule(limits.maxCost, limits.maxFirst),
  ];
  return limits.introspection ? rules : [...rules, NoSchemaIntrospectionCustomRule];
}
