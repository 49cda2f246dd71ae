// Gateway settings, read once at start-up from the environment; every limit has a safe default.
import { port, positiveInt } from '../platform/env';
import { queryLimitsFromEnv, type QueryLimits } from '../platform/query-limits';

export interface GatewayLimits extends QueryLimits {
  /** Largest request body. */
  readonly maxBody: string;
  /** Time allowed to one subgraph fetch of a query. */
  readonly subgraphTimeoutMs: number;
  /** Time allowed to one subgraph fetch of a mutation (a submission of up to 1,000 records). */
  readonly mutationTimeoutMs: number;
  /** Audit events one address may cause a minute by refused requests (the rest are counted, not written). */
  readonly refusalAuditPerMinute: number;
  /** Whether a caller's x-request-id is kept (the gateway behind a proxy that sets it) or replaced. */
  readonly trustRequestId: boolean;
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

/** The gateway's port: GATEWAY_PORT, else 4000. */
export function gatewayPort(env: NodeJS.ProcessEnv): number {
  return port(env, 'GATEWAY_PORT', 4000);
}

export function limitsFromEnv(env: NodeJS.ProcessEnv): GatewayLimits {
  const introspection = env['GATEWAY_INTROSPECTION'] ?? 'admin';
  if (introspection !== 'admin' && introspection !== 'off') throw new Error(`GATEWAY_INTROSPECTION must be admin or off, got '${introspection}'`);
  return {
    ...queryLimitsFromEnv(env),
    maxBody: env['GATEWAY_MAX_BODY'] ?? '1mb',
    subgraphTimeoutMs: positiveInt(env, 'GATEWAY_SUBGRAPH_TIMEOUT_MS', 10_000),
    mutationTimeoutMs: positiveInt(env, 'GATEWAY_MUTATION_TIMEOUT_MS', 120_000),
    introspection,
    trustRequestId: env['GATEWAY_TRUST_REQUEST_ID'] === '1',
    refusalAuditPerMinute: positiveInt(env, 'GATEWAY_REFUSAL_AUDIT_PER_MINUTE', 60),
    corsOrigins: (env['GATEWAY_CORS_ORIGINS'] ?? 'http://localhost:3000,http://127.0.0.1:3000')
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o !== ''),
    anonymousPerMinute: positiveInt(env, 'GATEWAY_ANONYMOUS_PER_MINUTE', 120),
    callerPerMinute: {
      admin: positiveInt(env, 'GATEWAY_ADMIN_PER_MINUTE', 6000),
      member: positiveInt(env, 'GATEWAY_MEMBER_PER_MINUTE', 3000),
      bidding: positiveInt(env, 'GATEWAY_BIDDING_PER_MINUTE', 600),
      other: positiveInt(env, 'GATEWAY_SIGNED_IN_PER_MINUTE', 300),
    },
    callerConcurrentExpensive: positiveInt(env, 'GATEWAY_CONCURRENT_EXPENSIVE', 2),
    maxBulkLineBytes: bulkLineBytes(env),
    maxBulkBodyBytes: positiveInt(env, 'GATEWAY_MAX_BULK_BODY_MB', 512) * 1024 * 1024,
  };
}

/** The longest line of a bulk file: at most 512 KiB, so that one record always fits a chunk a subgraph takes (2 MB). */
function bulkLineBytes(env: NodeJS.ProcessEnv): number {
  const bytes = positiveInt(env, 'GATEWAY_MAX_BULK_LINE_BYTES', 64 * 1024);
  if (bytes > 512 * 1024) throw new Error(`GATEWAY_MAX_BULK_LINE_BYTES may be at most 524288 (512 KiB), so a record fits what a subgraph accepts; got ${bytes}`);
  return bytes;
}
