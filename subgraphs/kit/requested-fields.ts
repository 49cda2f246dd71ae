// Names of the fields selected directly under the current field, through fragments, so the
// database projects only what the query asks for.
import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

function collect(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, out: Set<string>): void {
  if (!set) return;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.add(sel.name.value);
    else if (sel.kind === Kind.INLINE_FRAGMENT) collect(sel.selectionSet, fragments, out);
    else collect(fragments[sel.name.value]?.selectionSet, fragments, out);
  }
}

export function requestedFields(info: GraphQLResolveInfo): Set<string> {
  const out = new Set<string>();
  for (const node of info.fieldNodes) collect(node.selectionSet, info.fragments, out);
  return out;
}
