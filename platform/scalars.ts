// Scalars shared by all subgraphs. Money is a decimal string (never a float), dates are ISO strings.
import { GraphQLScalarType, Kind } from 'graphql';
import { graphqlError } from './errors';

const MONEY = /^-?\d{1,15}\.\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

export function isMoney(value: string): boolean {
  return MONEY.test(value);
}

function stringScalar(name: string, description: string, valid: (v: string) => boolean, expected: string) {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string' || !valid(value)) {
      throw graphqlError('BAD_USER_INPUT', `${name} must be ${expected}; got ${JSON.stringify(value)?.slice(0, 40)}`);
    }
    return value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => parse(value),
    parseValue: parse,
    parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
  });
}

export const MoneyScalar = stringScalar('Money', 'yuan, decimal string with two places', isMoney, 'a decimal string with two places, e.g. "1250.00"');
export const DateScalar = stringScalar('Date', 'ISO 8601 calendar date', isIsoDate, 'an ISO date YYYY-MM-DD');
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
});

export const scalarResolvers = { Money: MoneyScalar, Date: DateScalar, DateTime: DateTimeScalar };
