// Checks every Date and Money argument of an operation at the gateway, written inline or passed
// as a variable, with the subgraphs' own scalars: a bad value is BAD_USER_INPUT naming the
// argument, before any subgraph is called (the supergraph's scalars accept anything). Which
// arguments to check is worked out once per document; each request only checks its values.
import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, Kind, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLScalarType, type GraphQLSchema, type ValueNode } from 'graphql';
import { DateScalar, MoneyScalar } from '../platform/scalars';
import type { GatewayContext } from './context';
import { badUserInput } from '../platform/errors';

const CHECKED: ReadonlyMap<string, GraphQLScalarType> = new Map([
  ['Date', DateScalar],
  ['Money', MoneyScalar],
]);

interface ArgumentCheck {
  readonly argument: string;
  readonly scalar: GraphQLScalarType;
  readonly value: ValueNode;
}

/** The plain values an argument node stands for (a variable's value, or the literal's). */
function valuesOf(node: ValueNode, variables: Record<string, unknown>): unknown[] {
  switch (node.kind) {
    case Kind.VARIABLE: {
      const v = variables[node.name.value];
      return Array.isArray(v) ? v : [v];
    }
    case Kind.LIST:
      return node.values.flatMap((v) => valuesOf(v, variables));
    case Kind.STRING:
      return [node.value];
    default:
      // null, or a number or boolean where a date is expected: GraphQL validation reports those
      return [];
  }
}

function checksOf(document: DocumentNode, schema: GraphQLSchema): ArgumentCheck[] {
  const typeInfo = new TypeInfo(schema);
  const checks: ArgumentCheck[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        const scalar = argument ? CHECKED.get(getNamedType(argument.type).name) : undefined;
        if (scalar) checks.push({ argument: node.name.value, scalar, value: node.value });
      },
    }),
  );
  return checks;
}

export function scalarArguments(): ApolloServerPlugin<GatewayContext> {
  const cache = new WeakMap<DocumentNode, ArgumentCheck[]>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, request }) {
          let checks = cache.get(document);
          if (!checks) {
            checks = checksOf(document, schema);
            cache.set(document, checks);
          }
          const variables = request.variables ?? {};
          for (const check of checks) {
            for (const value of valuesOf(check.value, variables)) {
              if (value === null || value === undefined) continue;
              try {
                check.scalar.parseValue(value);
              } catch (err) {
                throw badUserInput(check.argument, err instanceof Error ? err.message : 'is not valid', 400);
              }
            }
          }
        },
      };
    },
  };
}
