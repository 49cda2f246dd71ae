// The shape of a subgraph's resolvers, as buildSubgraphSchema takes them. @apollo/subgraph does not
// export this type from its entry point, and importing from its dist/ folder would tie us to its
// file layout, so it is written out here (structurally the same, so either is accepted).
import type { GraphQLFieldResolver, GraphQLScalarType } from 'graphql';

export interface GraphQLResolverMap<TContext = object> {
  [typeName: string]:
    | {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parents differ by type, as in @apollo/subgraph
        [fieldName: string]: GraphQLFieldResolver<any, TContext> | { requires?: string; resolve?: GraphQLFieldResolver<any, TContext>; subscribe?: GraphQLFieldResolver<any, TContext> };
      }
    | GraphQLScalarType
    | { [enumValue: string]: string | number };
}
