// Which subgraph fetches the entity cache may answer, read from the query the gateway's planner
// wrote: `_entities` for enterprises (Enterprise, CreditSummary: keyed by uscc alone), and the
// root field `enterprise(uscc:)`. Anything else (searches, lists, checks, mutations) passes by.
import { createHash } from 'node:crypto';
import { BREAK, Kind, OperationTypeNode, parse, visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';

/** Entity types whose answer in a subgraph depends on that enterprise's data there, and on nothing else of the database. */
export const CACHED_TYPES: ReadonlySet<string> = new Set(['Enterprise', 'CreditSummary']);

/**
 * Fields whose answer reads other enterprises' data (the enterprises a person represents, found by
 * the person's hash in their records): a change there does not change this enterprise's version,
 * so a fetch selecting one is never cached.
 */
const READS_OTHER_ENTERPRISES: ReadonlySet<string> = new Set(['representedEnterprises']);

function readsOtherEnterprises(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (!READS_OTHER_ENTERPRISES.has(node.name.value)) return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

export type FetchShape =
  /** `_entities(representations: $representations)`: cached entity by entity. */
  | { readonly kind: 'entities'; readonly digest: string }
  /** `enterprise(uscc: …)`: cached as a whole, under the enterprise it names. */
  | { readonly kind: 'enterprise'; readonly digest: string; readonly uscc: { readonly variable: string } | { readonly literal: string } };

const shapes = new Map<string, FetchShape | null>();
/** Planned queries are few and repeat; a bound keeps a flood of distinct ones from growing the memo. */
const MAX_SHAPES = 5_000;

function operationOf(document: DocumentNode): OperationDefinitionNode | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const [operation] = operations;
  return operations.length === 1 && operation?.operation === OperationTypeNode.QUERY ? operation : null;
}

function shapeOf(query: string): FetchShape | null {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return null;
  }
  if (readsOtherEnterprises(document)) return null;
  const operation = operationOf(document);
  const [root, ...others] = operation?.selectionSet.selections ?? [];
  if (!operation || others.length > 0 || root?.kind !== Kind.FIELD || root.directives?.length) return null;
  const digest = createHash('sha256').update(query).digest('base64url').slice(0, 22);
  const args = root.arguments ?? [];
  if (root.name.value === '_entities') {
    const [representations] = args;
    return args.length === 1 && representations?.name.value === 'representations' && representations.value.kind === Kind.VARIABLE && representations.value.name.value === 'representations'
      ? { kind: 'entities', digest }
      : null;
  }
  if (root.name.value === 'enterprise' && args.length === 1 && args[0]?.name.value === 'uscc') {
    const value = args[0].value;
    if (value.kind === Kind.VARIABLE) return { kind: 'enterprise', digest, uscc: { variable: value.name.value } };
    if (value.kind === Kind.STRING) return { kind: 'enterprise', digest, uscc: { literal: value.value } };
  }
  return null;
}

/** The fetch's shape, or null when the cache must not answer it. */
export function fetchShape(query: string): FetchShape | null {
  const known = shapes.get(query);
  if (known !== undefined) return known;
  const shape = shapeOf(query);
  if (shapes.size >= MAX_SHAPES) shapes.clear();
  shapes.set(query, shape);
  return shape;
}

/** An entity's representation the cache can key: `{__typename, uscc}` of a cached type, nothing more. */
export function enterpriseKeyOf(representation: unknown): { readonly typename: string; readonly uscc: string } | null {
  if (typeof representation !== 'object' || representation === null || Array.isArray(representation)) return null;
  const { __typename: typename, uscc, ...rest } = representation as Record<string, unknown>;
  if (typeof typename !== 'string' || !CACHED_TYPES.has(typename) || typeof uscc !== 'string' || Object.keys(rest).length > 0) return null;
  return { typename, uscc };
}

/** The variables other than `omit`, in a stable order: part of what decides the answer. */
export function variablesKey(variables: Readonly<Record<string, unknown>> | undefined, omit?: string): string {
  if (!variables) return '';
  const names = Object.keys(variables)
    .filter((n) => n !== omit)
    .sort();
  return JSON.stringify(names.map((n) => [n, variables[n]]));
}
