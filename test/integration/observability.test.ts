// What an operator sees of a request besides its log line: one trace across the gateway, the
// subgraphs it asked and their database statements, exported over OTLP to a real receiver; and
// Prometheus metrics that move with traffic, served apart from the public listener.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { startMetricsListener, type RunningMetricsListener } from '../../platform/metrics-server';
import { databaseName } from '../../storage/index';
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';
import { parsePrometheus, total, type Sample } from './prometheus';
import { freePort, killGroup, startGatewayProcess, startService } from './processes';
import type { ChildProcess } from 'node:child_process';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  scope: string;
  attributes: Record<string, unknown>;
}

/** An OTLP/HTTP (JSON) trace receiver: what a collector would get. */
async function otlpReceiver(): Promise<{ url: string; spans: OtlpSpan[]; close(): Promise<void> }> {
  const spans: OtlpSpan[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = JSON.parse((req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8')) as {
        resourceSpans: { scopeSpans: { scope: { name: string }; spans: (Omit<OtlpSpan, 'scope' | 'attributes'> & { attributes?: { key: string; value: Record<string, unknown> }[] })[] }[] }[];
      };
      for (const resource of body.resourceSpans)
        for (const scoped of resource.scopeSpans)
          for (const span of scoped.spans) spans.push({ ...span, scope: scoped.scope.name, attributes: Object.fromEntries((span.attributes ?? []).map((a) => [a.key, Object.values(a.value)[0]])) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let system: TestSystem;
let metrics: RunningMetricsListener;

beforeAll(async () => {
  system = await startTestSystem(10, { GATEWAY_ANONYMOUS_PER_MINUTE: '20' });
  metrics = await startMetricsListener({ port: 0 });
});
afterAll(async () => {
  await system?.stop();
  await metrics?.stop();
});

async function eventually<T>(probe: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`${what}: not seen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
}

// Tracing is per process: the gateway and two subgraphs run as processes of their own, told by the
// standard OTEL_* variables to export to the receiver here.
describe('traces', () => {
  let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
  const processes: ChildProcess[] = [];
  let gatewayUrl: string;

  beforeAll(async () => {
    receiver = await otlpReceiver();
    const otel = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '100' };
    const urls: Record<string, string> = {};
    for (const name of ['identity', 'adverse'] as const) {
      const port = await freePort();
      urls[name] = `http://127.0.0.1:${port}/graphql`;
      const env = { ...otel, [`${name.toUpperCase()}_PORT`]: String(port), IDENTITY_SUBGRAPH_URL: urls['identity'] ?? '' };
      processes.push(await startService(system, name, env));
    }
    const gateway = await startGatewayProcess(system, otel, urls);
    processes.push(gateway.proc);
    gatewayUrl = gateway.url;
  });
  afterAll(async () => {
    const exited = processes.map((p) => (p.exitCode === null ? new Promise((resolve) => p.once('exit', resolve)) : Promise.resolve()));
    for (const p of processes) killGroup(p, 'SIGTERM');
    await Promise.all(exited);
    await receiver?.close();
  });

  /** The gateway's server span of the request the client got `requestId` back for. */
  const gatewaySpan = (requestId: string) =>
    eventually(() => receiver.spans.find((s) => s.scope === 'credit-gateway/gateway' && s.attributes['credit.request_id'] === requestId), `the gateway span of request ${requestId}`);

  it('follow one request from the gateway through a subgraph to its database statements', async () => {
    const token = await serviceToken('svc-tax');
    const res = await post(
      gatewayUrl,
      'query Traced($u: ID!) { enterprise(uscc: $u) { name taxArrears { id } } }',
      { u: system.enterprise(0).directory.uscc },
      { authorization: `Bearer ${token}`, 'x-query-purpose': 'SUPERVISION' },
    );
    expect(res.status).toBe(200);
    const root = await gatewaySpan(res.headers.get('x-request-id') ?? '');
    const adverseDb = databaseName(system.dbPrefix, 'adverse');
    const inTrace = () => receiver.spans.filter((s) => s.traceId === root.traceId);
    // each process exports in its own batches: wait for the adverse subgraph's statement
    await eventually(() => (inTrace().some((s) => s.scope === 'credit-gateway/postgres' && s.attributes['db.namespace'] === adverseDb) ? true : undefined), 'a statement span of the adverse database');
    const spans = inTrace();
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const ancestors = (span: OtlpSpan): OtlpSpan[] => {
      const chain: OtlpSpan[] = [];
      for (let p = span.parentSpanId ? byId.get(span.parentSpanId) : undefined; p; p = p.parentSpanId ? byId.get(p.parentSpanId) : undefined) chain.push(p);
      return chain;
    };

    expect(root).toMatchObject({ name: 'POST /graphql', attributes: { 'http.response.status_code': 200 } });
    expect(root.parentSpanId ?? '').toBe('');
    // Apollo Gateway's own spans: planning, execution and one fetch per subgraph asked
    const names = spans.filter((s) => s.scope === 'apollo/gateway-js').map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['gateway.request', 'gateway.plan', 'gateway.execute', 'gateway.fetch']));
    expect(names.filter((n) => n === 'gateway.fetch').length).toBeGreaterThanOrEqual(2);

    const adverse = spans.find((s) => s.scope === 'credit-gateway/adverse' && s.name === 'POST /graphql');
    expect(adverse).toBeDefined();
    expect(byId.get(adverse?.parentSpanId ?? '')?.name).toBe('gateway.fetch');
    // the adverse subgraph's read (the gateway's entity cache reads the enterprise's version there too)
    const statement = spans.find(
      (s) => s.scope === 'credit-gateway/postgres' && s.attributes['db.namespace'] === adverseDb && /^SELECT/.test(s.name) && !String(s.attributes['db.query.text']).includes('entity_versions'),
    );
    expect(statement?.attributes).toMatchObject({ 'db.system.name': 'postgresql', 'db.operation.name': 'SELECT' });
    expect(ancestors(statement as OtlpSpan)).toEqual(expect.arrayContaining([adverse, root]));
    // statements carry placeholders: no value of the request, and no token, is in any span
    expect(JSON.stringify(spans)).not.toContain(system.enterprise(0).directory.uscc);
    expect(JSON.stringify(spans)).not.toContain(token);
  });

  it('do not continue a trace a caller on the public side chose', async () => {
    const chosen = '0af7651916cd43dd8448eb211c80319c';
    const res = await post(gatewayUrl, 'query { indicatorCatalogue { code } }', {}, { traceparent: `00-${chosen}-b7ad6b7169203331-01` });
    expect(res.status).toBe(200);
    const root = await gatewaySpan(res.headers.get('x-request-id') ?? '');
    expect(root.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(root.traceId).not.toBe(chosen);
    expect(root.parentSpanId ?? '').toBe('');
  });
});

async function scrape(url = metrics.url): Promise<Sample[]> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await res.text());
}

describe('metrics', () => {
  it('are served in Prometheus text format and move with traffic', async () => {
    const token = await serviceToken('svc-tax');
    const member = { authorization: `Bearer ${token}`, 'x-query-purpose': 'SUPERVISION' };
    const adverseDb = databaseName(system.dbPrefix, 'adverse');
    const before = await scrape();
    const a = system.enterprise(1).directory.uscc;

    expect((await post(system.gateway.url, 'query MetricsProfile($u: ID!) { enterprise(uscc: $u) { name taxArrears { id } } }', { u: a }, member)).status).toBe(200);
    expect((await post(system.gateway.url, 'query { indicatorCatalogue { code } }', {}, { authorization: 'Bearer aaaa.bbbb.cccc' })).status).toBe(401);
    const submitted = (await (
      await post(
        system.gateway.url,
        'mutation($r: [JSON!]!) { submitAdverseRecords(batchId: "metrics-1", indicator: "AD04", records: $r) { accepted rejected rejections { rule } } }',
        {
          r: [
            { uscc: a, announcedOn: '2026-03-01', taxType: '增值税', arrearsAmount: '10.00' },
            { uscc: a, announcedOn: '2026-03-01', taxType: '印花税', arrearsAmount: 'ten' },
          ],
        },
        member,
      )
    ).json()) as { data: { submitAdverseRecords: { accepted: number; rejected: number; rejections: { rule: string }[] } } };
    expect(submitted.data.submitAdverseRecords).toMatchObject({ accepted: 1, rejected: 1 });
    const rule = submitted.data.submitAdverseRecords.rejections[0]?.rule ?? '';
    let limited = 0;
    for (let i = 0; i < 25 && limited === 0; i++) if ((await post(system.gateway.url, 'query { indicatorCatalogue { code } }', {}, {})).status === 429) limited++;
    expect(limited).toBe(1);
    await system.gateway.flushAudit();
    await new Promise((r) => setTimeout(r, 50));
    const after = await scrape();

    // a series that did not exist before traffic counts from zero
    const moved = (name: string, labels: Record<string, string> = {}) => total(after, name, labels) - (total(before, name, labels) || 0);
    expect(moved('credit_http_request_duration_seconds_count', { service: 'gateway', route: '/graphql', method: 'POST', status: '200' })).toBeGreaterThanOrEqual(2);
    expect(moved('credit_http_request_duration_seconds_count', { service: 'adverse', route: '/graphql', status: '200' })).toBeGreaterThanOrEqual(2);
    expect(moved('credit_graphql_operation_duration_seconds_count', { service: 'gateway', operation: 'MetricsProfile', type: 'query', outcome: 'OK' })).toBe(1);
    expect(moved('credit_subgraph_fetch_duration_seconds_count', { subgraph: 'adverse', outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    expect(moved('credit_db_statement_duration_seconds_count', { database: adverseDb, operation: 'SELECT', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(moved('credit_db_statement_duration_seconds_count', { database: adverseDb, operation: 'INSERT', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(total(after, 'credit_db_pool_connections', { database: adverseDb, state: 'total' })).toBeGreaterThan(0);
    expect(moved('credit_token_refusals_total', { service: 'gateway', reason: 'malformed' })).toBe(1);
    expect(moved('credit_rate_limit_refusals_total', { limit: 'anonymous' })).toBe(1);
    expect(moved('credit_submission_records_total', { indicator: 'AD04', outcome: 'accepted' })).toBe(1);
    expect(moved('credit_submission_records_total', { indicator: 'AD04', outcome: 'rejected', rule })).toBe(1);
    expect(moved('credit_audit_events_written_total')).toBeGreaterThanOrEqual(2);
    // the buffer gauge falls to zero once what is buffered is written (events of the last requests may still arrive)
    let buffered = total(after, 'credit_audit_buffer_events');
    for (let i = 0; i < 20 && buffered !== 0; i++) {
      await system.gateway.flushAudit();
      buffered = total(await scrape(), 'credit_audit_buffer_events');
    }
    expect(buffered).toBe(0);
    expect(total(after, 'credit_audit_write_failures_total')).toBe(0);
    expect(total(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('are not on the public listener, and need the token when one is set', async () => {
    expect((await fetch(system.gateway.url.replace(/\/graphql$/, '/metrics'))).status).toBe(404);
    const guarded = await startMetricsListener({ port: 0, token: 'scrape-token-for-test' });
    try {
      expect((await fetch(guarded.url)).status).toBe(401);
      expect((await fetch(guarded.url, { headers: { authorization: 'Bearer wrong-token-for-test' } })).status).toBe(401);
      const ok = await fetch(guarded.url, { headers: { authorization: 'Bearer scrape-token-for-test' } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('credit_http_request_duration_seconds');
    } finally {
      await guarded.stop();
    }
  });
});
