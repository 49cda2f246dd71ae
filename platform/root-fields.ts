// The root fields an operation will execute, found the way graphql-js collects fields: through
// inline fragments and fragment spreads, honouring @skip and @include with the request's
// variables. Policies judge these, never the spelling of the document.
import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

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

/** The root field selections that will execute, each alias on its own. */
export function executedRootFieldNodes(document: DocumentNode, operation: OperationDefinitionNode, variables: Variables): FieldNode[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const out: FieldNode[] = [];
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (!included(s, variables)) continue;
      if (s.kind === Kind.FIELD) out.push(s);
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
  return out;
}

/** The names of the root fields that will execute. */
export function executedRootFields(document: DocumentNode, operation: OperationDefinitionNode, variables: Variables): string[] {
  return [...new Set(executedRootFieldNodes(document, operation, variables).map((f) => f.name.value))];
}
