import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import { ALL_CORROBORATION_FIELDS, type CorroborationFields } from '@app/read-store';

/**
 * Whether the query asks any of `names` directly below the field being resolved, through fragments and inline
 * fragments too (directives such as @skip are not weighed: asking counts). For work a field would otherwise do
 * for a sibling that was never asked.
 */
export function selectsAny(info: GraphQLResolveInfo, names: readonly string[]): boolean {
  return info.fieldNodes.some((field) => anyIn(info, field.selectionSet, (node) => names.includes(node.name.value)));
}

/** As `selectsAny`, for the fields asked below the path of fields `parents` (its first asked directly below). */
export function selectsAnyBelow(
  info: GraphQLResolveInfo,
  parents: readonly string[],
  names: readonly string[],
): boolean {
  const below =
    (depth: number) =>
    (node: FieldNode): boolean =>
      depth === parents.length
        ? names.includes(node.name.value)
        : node.name.value === parents[depth] && anyIn(info, node.selectionSet, below(depth + 1));
  return info.fieldNodes.some((field) => anyIn(info, field.selectionSet, below(0)));
}

/** Whether `test` holds for a field of `set`, through fragments and inline fragments. */
function anyIn(info: GraphQLResolveInfo, set: SelectionSetNode | undefined, test: (node: FieldNode) => boolean) {
  const visit = (selections: SelectionSetNode | undefined, seen: Set<string>): boolean =>
    (selections?.selections ?? []).some((node) => {
      switch (node.kind) {
        case Kind.FIELD:
          return test(node);
        case Kind.INLINE_FRAGMENT:
          return visit(node.selectionSet, seen);
        case Kind.FRAGMENT_SPREAD: {
          const name = node.name.value;
          if (seen.has(name)) return false;
          seen.add(name);
          return visit(info.fragments[name]?.selectionSet, seen);
        }
        default:
          return false;
      }
    });
  return visit(set, new Set());
}

/**
 * By the first node of the field resolved: what `corroborationFieldsOf` found in its query. The server keeps a
 * query's parsed document (its nodes) for every request that sends it, so a query asked again is not walked again.
 */
const corroborationFieldsAsked = new WeakMap<FieldNode, CorroborationFields | null>();

/** What of an incident's corroborations a query asks for (null: none): each part is read only when asked. */
export function corroborationFieldsOf(info: GraphQLResolveInfo | undefined): CorroborationFields | null {
  if (!info) return ALL_CORROBORATION_FIELDS;
  const node = info.fieldNodes[0];
  let asked = corroborationFieldsAsked.get(node);
  if (asked === undefined) corroborationFieldsAsked.set(node, (asked = corroborationFieldsIn(info)));
  return asked;
}

function corroborationFieldsIn(info: GraphQLResolveInfo): CorroborationFields | null {
  if (!selectsAny(info, ['corroborations'])) return null;
  const asks = (...names: string[]) => selectsAnyBelow(info, ['corroborations'], names);
  return {
    words: asks('citation', 'summary', 'retractionReason'),
    retraction: asks('retractedOn', 'retractionReason'),
    grade: selectsAnyBelow(info, ['corroborations', 'source'], ['grade']),
  };
}
