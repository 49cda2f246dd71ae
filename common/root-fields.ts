// The root fields an operation will execute, found the way graphql-js collects fields: through
// inline fragments and fragment spreads, honouring @skip and @include with the request's
// variables. Policies judge these, never the spelling of the document.
import { getDirectiveValues, GraphQLIncludeDirective, GraphQLSkipDirective, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

type Variables = Record<string, unknown> | undefined;

function included(node: Parameters<typeof getDirectiveValues>[1], variables: Variables): boolean {
  // an unresolvable condition counts as included: refusing too much is safe, too little is not
  try {
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.['if'] === true) return false;
    if (getDirectiveValues(GraphQLIncludeDirective, node, variables)?.['if'] === false) return false;
  } catch {
    return true;
  }
  return true;
}

export function executedRootFields(document: DocumentNode, operation: OperationDefinitionNode, variables: Variables): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const out = new Set<string>();
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (!included(s, variables)) continue;
      if (s.kind === Kind.FIELD) out.add(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else {
        const name = s.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visited.has(name)) continue;
        visited.add(name);
        walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return [...out];
}
