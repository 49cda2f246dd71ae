// SIGTERM on the gateway process: it stops taking connections, lets in-flight requests finish,
// writes every buffered audit event, and exits 0. A proxy that delays one subgraph keeps a
// request in flight while the signal arrives.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';

let system: TestSystem;
let gateway: ChildProcess | undefined;
let proxy: http.Server | undefined;

beforeAll(async () => {
  system = await startTestSystem(5);
});
afterAll(async () => {
  gateway?.kill('SIGKILL');
  proxy?.close();
  await system?.stop();
});

/** Forwards to `target` after `delayMs`. */
async function slowProxy(target: string, delayMs: number): Promise<string> {
  proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      setTimeout(() => {
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length')) as Record<string, string>;
        fetch(target, { method: req.method, headers, body: Buffer.concat(chunks) })
          .then(async (upstream) => {
            res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
            res.end(Buffer.from(await upstream.arrayBuffer()));
          })
          .catch(() => res.destroy());
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => proxy?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`;
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

it('drains in-flight requests, flushes the audit trail and exits 0 on SIGTERM', async () => {
  const port = await freePort();
  const url = (name: 'identity' | 'adverse' | 'reputation' | 'economic') => system.subgraphs[name].running.url;
  gateway = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../gateway/main.ts')], {
    env: {
      ...process.env,
      GATEWAY_PORT: String(port),
      MONGODB_DB_PREFIX: system.dbPrefix,
      IDENTITY_SUBGRAPH_URL: url('identity'),
      ADVERSE_SUBGRAPH_URL: url('adverse'),
      REPUTATION_SUBGRAPH_URL: url('reputation'),
      ECONOMIC_SUBGRAPH_URL: await slowProxy(url('economic'), 1_500),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => gateway?.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    gateway?.stdout?.on('data', (d: Buffer) => d.toString().includes('gateway ready') && resolve());
    gateway?.once('exit', () => reject(new Error('gateway exited before it was ready')));
  });
  const gatewayUrl = `http://127.0.0.1:${port}/graphql`;
  const token = await serviceToken('svc-tax');
  const uscc = system.enterprise(0).directory.uscc;

  const inFlight = fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-query-purpose': 'SUPERVISION' },
    body: JSON.stringify({ operationName: 'InFlightAtShutdown', query: 'query InFlightAtShutdown($u: ID!) { enterprise(uscc: $u) { name taxPaid { id } } }', variables: { u: uscc } }),
  });
  await new Promise((r) => setTimeout(r, 500));
  gateway.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 200));

  // No new work is taken while draining.
  await expect(fetch(gatewayUrl.replace('/graphql', '/health/live'))).rejects.toThrow();

  const res = await inFlight;
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data?: { enterprise: { name: string; taxPaid: unknown[] } }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  expect(body.data?.enterprise.name).toBe(system.enterprise(0).directory.name);
  expect(Array.isArray(body.data?.enterprise.taxPaid)).toBe(true);

  expect(await exited).toBe(0);
  const audited = await system.auditDatabase.db.collection('audit_events').findOne({ operationName: 'InFlightAtShutdown' });
  expect(audited).not.toBeNull();
});
