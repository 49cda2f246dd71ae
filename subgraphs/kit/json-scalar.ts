// JSON: a submitted record as the agency sent it; the catalogue's validation decides what it may hold.
import { GraphQLScalarType, valueFromASTUntyped } from 'graphql';

export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value; submitted records are validated against the indicator catalogue.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
