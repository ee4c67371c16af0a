import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the query asks any of `names` directly below the field being resolved, through fragments and inline
 * fragments too (directives such as @skip are not weighed: asking counts). For work a field would otherwise do
 * for a sibling that was never asked.
 */
export function selectsAny(info: GraphQLResolveInfo, names: readonly string[]): boolean {
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>): boolean =>
    (set?.selections ?? []).some((node) => {
      switch (node.kind) {
        case Kind.FIELD:
          return names.includes(node.name.value);
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
  return info.fieldNodes.some((field) => visit(field.selectionSet, new Set()));
}
