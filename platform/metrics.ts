// Prometheus metrics of this process, in one registry: every series the system exports is
// declared here, so the names an operator alerts on are in one place (README, Operations).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const httpRequestDuration = new Histogram({
  name: 'credit_http_request_duration_seconds',
  help: 'HTTP requests served, by process, route, method and status',
  labelNames: ['service', 'route', 'method', 'status'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const operationDuration = new Histogram({
  name: 'credit_graphql_operation_duration_seconds',
  help: 'GraphQL operations executed, by process, operation name, type and outcome (OK, PARTIAL, ERROR)',
  labelNames: ['service', 'operation', 'type', 'outcome'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const subgraphFetchDuration = new Histogram({
  name: 'credit_subgraph_fetch_duration_seconds',
  help: 'Requests from the gateway to a subgraph, by subgraph and outcome',
  labelNames: ['subgraph', 'outcome'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const subgraphFetchErrors = new Counter({
  name: 'credit_subgraph_fetch_errors_total',
  help: 'Subgraph requests that failed, by subgraph and reason (timeout, unreachable, http_<status>; retried: a query sent again after its connection failed)',
  labelNames: ['subgraph', 'reason'] as const,
  registers: [registry],
});

export const statementDuration = new Histogram({
  name: 'credit_db_statement_duration_seconds',
  help: 'Database statements, by database, operation (SELECT, INSERT, ...) and outcome (ok, error, unavailable)',
  labelNames: ['database', 'operation', 'outcome'] as const,
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
  registers: [registry],
});

/** Connection pools of this process, read when scraped. */
export interface PoolState {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}
const pools = new Map<string, PoolState>();

/** Reports a pool's connections under `database` until `forgetPool`. */
export function watchPool(database: string, pool: PoolState): void {
  pools.set(database, pool);
}
export function forgetPool(database: string): void {
  pools.delete(database);
}

new Gauge({
  name: 'credit_db_pool_connections',
  help: 'Database pool connections by database and state (total, idle, waiting: requests queued for a connection)',
  labelNames: ['database', 'state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const [database, pool] of pools) {
      this.set({ database, state: 'total' }, pool.totalCount);
      this.set({ database, state: 'idle' }, pool.idleCount);
      this.set({ database, state: 'waiting' }, pool.waitingCount);
    }
  },
});

/** Audit logs of this process, read when scraped. */
const auditBuffers = new Set<{ readonly pending: number }>();
export function watchAuditBuffer(log: { readonly pending: number }): () => void {
  auditBuffers.add(log);
  return () => auditBuffers.delete(log);
}

new Gauge({
  name: 'credit_audit_buffer_events',
  help: 'Audit events waiting to be written',
  registers: [registry],
  collect() {
    let pending = 0;
    for (const log of auditBuffers) pending += log.pending;
    this.set(pending);
  },
});

export const auditEventsWritten = new Counter({ name: 'credit_audit_events_written_total', help: 'Audit events written to the audit store', registers: [registry] });
export const auditWriteFailures = new Counter({ name: 'credit_audit_write_failures_total', help: 'Audit writes that failed (the events are kept and retried)', registers: [registry] });

export const hopRefusals = new Counter({
  name: 'credit_hop_refusals_total',
  help: 'Requests a subgraph refused for a missing, stale or wrong gateway signature',
  registers: [registry],
});

export const tokenRefusals = new Counter({
  name: 'credit_token_refusals_total',
  help: 'Requests refused for their bearer token, by process and reason',
  labelNames: ['service', 'reason'] as const,
  registers: [registry],
});

export const rateLimitRefusals = new Counter({
  name: 'credit_rate_limit_refusals_total',
  help: 'Requests refused by a rate or concurrency limit (anonymous, caller, expensive)',
  labelNames: ['limit'] as const,
  registers: [registry],
});

export const limitStoreUnavailable = new Counter({
  name: 'credit_limit_store_unavailable_total',
  help: 'Decisions taken without the shared limit store (Redis), by what was done: refused, or counted by this gateway alone (local)',
  labelNames: ['limit', 'outcome'] as const,
  registers: [registry],
});

export const submittedRecords = new Counter({
  name: 'credit_submission_records_total',
  help: 'Records submitted by member agencies, by indicator and outcome (accepted, rejected) and, for rejections, each rule a record failed',
  labelNames: ['indicator', 'outcome', 'rule'] as const,
  registers: [registry],
});

export const webhookDeliveries = new Counter({
  name: 'credit_webhook_deliveries_total',
  help: 'Webhook delivery attempts, by outcome (delivered, retry, dead, paused, withheld)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const changeEventsMatched = new Counter({
  name: 'credit_change_events_matched_total',
  help: "Change events read from the subgraphs' outboxes, by source, and the watch events they made",
  labelNames: ['source', 'kind'] as const,
  registers: [registry],
});

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_NAMES = 200;
const seenOperations = new Set<string>();

/** Operation names are chosen by callers: keep the label set bounded. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return '(anonymous)';
  if (seenOperations.has(name)) return name;
  if (!OPERATION_NAME.test(name) || seenOperations.size >= MAX_OPERATION_NAMES) return '(other)';
  seenOperations.add(name);
  return name;
}
export const objectionsOverdue = new Counter({
  name: 'credit_objections_overdue_total',
  help: 'Objections not decided within their period, handed to the credit administration, by subgraph category',
  labelNames: ['category'] as const,
  registers: [registry],
});
