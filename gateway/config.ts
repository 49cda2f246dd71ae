// Gateway settings, read once at start-up from the environment; every limit has a safe default.
export interface GatewayLimits {
  /** Deepest selection allowed (introspection counted too, so deep introspection is refused). */
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  /** Lexical tokens in one document. */
  readonly maxTokens: number;
  /** Estimated cost (graphql-armor: objects 2, scalars 1, times 1.5 per level). */
  readonly maxCost: number;
  /** Largest request body. */
  readonly maxBody: string;
  /** Time allowed to one subgraph fetch of a query. */
  readonly subgraphTimeoutMs: number;
  /** Time allowed to one subgraph fetch of a mutation (a submission of up to 1,000 records). */
  readonly mutationTimeoutMs: number;
  /** Who may introspect the schema: credit administrators, or nobody. */
  readonly introspection: 'admin' | 'off';
  /** Requests per minute from one address without credentials. */
  readonly anonymousPerMinute: number;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got '${raw}'`);
  return value;
}

export function limitsFromEnv(env: NodeJS.ProcessEnv): GatewayLimits {
  const introspection = env['GATEWAY_INTROSPECTION'] ?? 'admin';
  if (introspection !== 'admin' && introspection !== 'off') throw new Error(`GATEWAY_INTROSPECTION must be admin or off, got '${introspection}'`);
  return {
    maxDepth: positive(env, 'GATEWAY_MAX_DEPTH', 10),
    maxAliases: positive(env, 'GATEWAY_MAX_ALIASES', 15),
    maxDirectives: positive(env, 'GATEWAY_MAX_DIRECTIVES', 20),
    maxTokens: positive(env, 'GATEWAY_MAX_TOKENS', 5000),
    maxCost: positive(env, 'GATEWAY_MAX_COST', 20000),
    maxBody: env['GATEWAY_MAX_BODY'] ?? '1mb',
    subgraphTimeoutMs: positive(env, 'GATEWAY_SUBGRAPH_TIMEOUT_MS', 10_000),
    mutationTimeoutMs: positive(env, 'GATEWAY_MUTATION_TIMEOUT_MS', 120_000),
    introspection,
    anonymousPerMinute: positive(env, 'GATEWAY_ANONYMOUS_PER_MINUTE', 120),
  };
}
