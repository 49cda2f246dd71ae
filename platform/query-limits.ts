// What one GraphQL document may cost, applied alike by the gateway and by every subgraph (a
// subgraph reached directly is no cheaper to abuse). graphql-armor's validation rules, made for
// this; errors name the limit that was exceeded, never its value.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { positiveInt } from './env';

export interface QueryLimits {
  /** Deepest selection allowed (introspection counted too). */
  readonly maxDepth: number;
  /** Aliases in one document, `__typename` included. */
  readonly maxAliases: number;
  readonly maxDirectives: number;
  /** Lexical tokens in one document (graphql-js's own parser limit). */
  readonly maxTokens: number;
  /** Estimated cost (graphql-armor: objects 2, scalars 1, times 1.5 per level). */
  readonly maxCost: number;
}

/** What a refused document is told, by limit. */
export const LIMIT_EXCEEDED = {
  depth: 'the query is nested too deeply',
  aliases: 'the query has too many aliases',
  directives: 'the query has too many directives',
  cost: 'the query would cost too much to answer',
  tokens: 'the query is too long',
} as const;

export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

export function queryLimitsFromEnv(env: NodeJS.ProcessEnv): QueryLimits {
  return {
    maxDepth: positiveInt(env, 'GATEWAY_MAX_DEPTH', 10),
    maxAliases: positiveInt(env, 'GATEWAY_MAX_ALIASES', 15),
    maxDirectives: positiveInt(env, 'GATEWAY_MAX_DIRECTIVES', 20),
    maxTokens: positiveInt(env, 'GATEWAY_MAX_TOKENS', 5000),
    maxCost: positiveInt(env, 'GATEWAY_MAX_COST', 20000),
  };
}

/** Validation rules and plugins enforcing `limits`; field suggestions ("Did you mean …") are off too. */
export function queryLimitRules(limits: QueryLimits) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, exposeLimits: false, flattenFragments: true, ignoreIntrospection: false, errorMessage: LIMIT_EXCEEDED.depth },
    // every alias counts: 1,000 aliases of __typename are 1,000 fields to execute
    maxAliases: { n: limits.maxAliases, exposeLimits: false, allowList: [], errorMessage: LIMIT_EXCEEDED.aliases },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: false, errorMessage: LIMIT_EXCEEDED.directives },
    // Token counting is graphql-js's own parse option (parseOptions.maxTokens): armor's token plugin
    // re-parses in parsingDidStart, where any syntax error becomes a 500 instead of a 400.
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost, exposeLimits: false, ignoreIntrospection: false, errorMessage: LIMIT_EXCEEDED.cost },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}

// graphql-js names its token limit in the message (16.x: "more that N tokens")
const TOKEN_LIMIT = /Document contains more th\w+ \d+ tokens/;
const LIMIT_MESSAGES: ReadonlySet<string> = new Set(Object.values(LIMIT_EXCEEDED));

/** The client message of a document refused by a limit, or undefined when `message` is about something else. */
export function limitRefusal(message: string): string | undefined {
  if (TOKEN_LIMIT.test(message)) return LIMIT_EXCEEDED.tokens;
  const text = message.replace(/^Syntax Error: /, '');
  return LIMIT_MESSAGES.has(text) ? text : undefined;
}
