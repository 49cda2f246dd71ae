// Checks every Date and Money argument of an operation at the gateway, written inline or passed
// as a variable, with the subgraphs' own scalars: a bad value is BAD_USER_INPUT naming the
// argument, before any subgraph is called (the supergraph's scalars accept anything).
import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, GraphQLError, Kind, TypeInfo, visit, visitWithTypeInfo, type GraphQLScalarType, type ValueNode } from 'graphql';
import { DateScalar, MoneyScalar } from '../subgraphs/common/scalars';
import type { GatewayContext } from './context';

const CHECKED: ReadonlyMap<string, GraphQLScalarType> = new Map([
  ['Date', DateScalar],
  ['Money', MoneyScalar],
]);

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
    case Kind.NULL:
      return [null];
    default:
      // a number or boolean where a date is expected: GraphQL validation reports it
      return [];
  }
}

export function scalarArguments(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, request }) {
          const typeInfo = new TypeInfo(schema);
          const variables = request.variables ?? {};
          let refused: GraphQLError | undefined;
          visit(
            document,
            visitWithTypeInfo(typeInfo, {
              Argument(node) {
                const argument = typeInfo.getArgument();
                const scalar = argument ? CHECKED.get(getNamedType(argument.type).name) : undefined;
                if (!scalar || refused) return;
                for (const value of valuesOf(node.value, variables)) {
                  if (value === null || value === undefined) continue;
                  try {
                    scalar.parseValue(value);
                  } catch (err) {
                    refused = new GraphQLError(`${node.name.value}: ${err instanceof Error ? err.message : 'is not valid'}`, { extensions: { code: 'BAD_USER_INPUT', argument: node.name.value, http: { status: 400 } } });
                    return;
                  }
                }
              },
            }),
          );
          if (refused) throw refused;
        },
      };
    },
  };
}
