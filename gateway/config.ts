// Gateway settings, read once at start-up from the environment; every limit has a safe default.
import { queryLimitsFromEnv, type QueryLimits } from '../common/query-limits';

export interface GatewayLimits extends QueryLimits {
  /** Largest request body. */
  readonly maxBody: string;
  /** Time allowed to one subgraph fetch of a query. */
  readonly subgraphTimeoutMs: number;
  /** Time allowed to one subgraph fetch of a mutation (a submission of up to 1,000 records). */
  readonly mutationTimeoutMs: number;
  /** Audit events one address may cause a minute by refused requests (the rest are counted, not written). */
  readonly refusalAuditPerMinute: number;
  /** Origins a browser may call the gateway from (CORS); none but these. */
  readonly corsOrigins: readonly string[];
  /** Who may introspect the schema: credit administrators, or nobody. */
  readonly introspection: 'admin' | 'off';
  /** Requests per minute from one address without credentials. */
  readonly anonymousPerMinute: number;
  /** Requests per minute of one signed-in caller (token subject), by role; the most generous role a caller holds applies. */
  readonly callerPerMinute: Readonly<Record<CallerClass, number>>;
  /** Expensive operations (bulk files, bidder checks, large `enterprises` queries) one caller may run at once. */
  readonly callerConcurrentExpensive: number;
  /** Largest line of a bulk NDJSON file, in bytes. */
  readonly maxBulkLineBytes: number;
  /** Largest bulk NDJSON file, in bytes. */
  readonly maxBulkBodyBytes: number;
}

/** Signed-in callers fall in one of these for rate limits. */
export type CallerClass = 'admin' | 'member' | 'bidding' | 'other';

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
    ...queryLimitsFromEnv(env),
    maxBody: env['GATEWAY_MAX_BODY'] ?? '1mb',
    subgraphTimeoutMs: positive(env, 'GATEWAY_SUBGRAPH_TIMEOUT_MS', 10_000),
    mutationTimeoutMs: positive(env, 'GATEWAY_MUTATION_TIMEOUT_MS', 120_000),
    introspection,
    refusalAuditPerMinute: positive(env, 'GATEWAY_REFUSAL_AUDIT_PER_MINUTE', 60),
    corsOrigins: (env['GATEWAY_CORS_ORIGINS'] ?? 'http://localhost:3000,http://127.0.0.1:3000')
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o !== ''),
    anonymousPerMinute: positive(env, 'GATEWAY_ANONYMOUS_PER_MINUTE', 120),
    callerPerMinute: {
      admin: positive(env, 'GATEWAY_ADMIN_PER_MINUTE', 6000),
      member: positive(env, 'GATEWAY_MEMBER_PER_MINUTE', 3000),
      bidding: positive(env, 'GATEWAY_BIDDING_PER_MINUTE', 600),
      other: positive(env, 'GATEWAY_SIGNED_IN_PER_MINUTE', 300),
    },
    callerConcurrentExpensive: positive(env, 'GATEWAY_CONCURRENT_EXPENSIVE', 2),
    maxBulkLineBytes: positive(env, 'GATEWAY_MAX_BULK_LINE_BYTES', 64 * 1024),
    maxBulkBodyBytes: positive(env, 'GATEWAY_MAX_BULK_BODY_MB', 512) * 1024 * 1024,
  };
}
