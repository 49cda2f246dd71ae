// SIGTERM on the gateway or a subgraph process: it stops taking connections, lets in-flight requests finish,
// writes every buffered audit event, and exits 0. A proxy that delays one subgraph keeps a
// request in flight while the signal arrives.
import { HOP_SIGNATURE_HEADER, signHop } from '../../platform/hop-signature';
import type { ChildProcess } from 'node:child_process';
import { startTestSystem, type TestSystem } from './harness';
import { freePort, killGroup, slowProxy, startGatewayProcess, startService } from './processes';
import { serviceToken } from './tokens';

let system: TestSystem;
const children: ChildProcess[] = [];
const proxies: { close(): void }[] = [];

beforeAll(async () => {
  system = await startTestSystem(5);
});
afterAll(async () => {
  for (const child of children) killGroup(child);
  for (const p of proxies) p.close();
  await system?.stop();
});

it('drains in-flight requests, flushes the audit trail and exits 0 on SIGTERM', async () => {
  const slow = await slowProxy(system.subgraphs.economic.running.url, 1_500);
  proxies.push(slow);
  const started = await startGatewayProcess(system, {}, { economic: slow.url });
  children.push(started.proc);
  const exited = new Promise<number | null>((resolve) => started.proc.once('exit', (code) => resolve(code)));
  const token = await serviceToken('svc-tax');
  const uscc = system.enterprise(0).directory.uscc;

  const inFlight = fetch(started.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-query-purpose': 'SUPERVISION' },
    body: JSON.stringify({ operationName: 'InFlightAtShutdown', query: 'query InFlightAtShutdown($u: ID!) { enterprise(uscc: $u) { name taxPaid { id } } }', variables: { u: uscc } }),
  });
  await new Promise((r) => setTimeout(r, 500));
  // the process itself, not its group: this is the signal a supervisor sends
  started.proc.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 200));

  // No new work is taken while draining.
  await expect(fetch(started.url.replace('/graphql', '/health/live'))).rejects.toThrow();

  const res = await inFlight;
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data?: { enterprise: { name: string; taxPaid: unknown[] } }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  expect(body.data?.enterprise.name).toBe(system.enterprise(0).directory.name);
  expect(Array.isArray(body.data?.enterprise.taxPaid)).toBe(true);

  expect(await exited).toBe(0);
  const audited = (await system.audit.find({ operationName: 'InFlightAtShutdown', limit: 1 }))[0];
  expect(audited).toBeDefined();
});

it('answers within the subgraph timeout with the other subgraphs’ data when one is too slow', async () => {
  const slow = await slowProxy(system.subgraphs.economic.running.url, 5_000);
  proxies.push(slow);
  const started = await startGatewayProcess(system, { GATEWAY_SUBGRAPH_TIMEOUT_MS: '500' }, { economic: slow.url });
  children.push(started.proc);
  const token = await serviceToken('svc-tax');
  const t = Date.now();
  const res = await fetch(started.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-query-purpose': 'SUPERVISION' },
    body: JSON.stringify({ query: 'query($u: ID!) { enterprise(uscc: $u) { name taxArrears { id } taxPaid { id } } }', variables: { u: system.enterprise(0).directory.uscc } }),
  });
  expect(Date.now() - t).toBeLessThan(3_000);
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    data?: { enterprise: { name: string; taxArrears: unknown[]; taxPaid: unknown } };
    errors?: { message: string; path?: unknown[]; extensions?: { code?: string } }[];
  };
  expect(body.data?.enterprise.name).toBe(system.enterprise(0).directory.name);
  expect(Array.isArray(body.data?.enterprise.taxArrears)).toBe(true);
  expect(body.data?.enterprise.taxPaid).toBeNull();
  expect(body.errors?.[0]).toMatchObject({ message: 'a credit subgraph did not answer within 500 ms', extensions: { code: 'SERVICE_UNAVAILABLE' } });
  expect(JSON.stringify(body.errors)).not.toMatch(/127\.0\.0\.1|http:/);
});

it('lets a subgraph process finish a submission in flight on SIGTERM, then exit 0', async () => {
  // the enterprise look-up goes to the identity subgraph through a delay: the submission is in flight
  const slowIdentity = await slowProxy(system.subgraphs.identity.running.url, 1_000);
  proxies.push(slowIdentity);
  const port = await freePort();
  const adverse = await startService(system, 'adverse', { ADVERSE_PORT: String(port), IDENTITY_SUBGRAPH_URL: slowIdentity.url });
  children.push(adverse);
  const exited = new Promise<number | null>((resolve) => adverse.once('exit', (code) => resolve(code)));
  const uscc = system.enterprise(1).directory.uscc;
  const records = Array.from({ length: 50 }, (_, k) => ({ uscc, announcedOn: '2026-03-01', taxType: `DRAIN-${k}`, arrearsAmount: '10.00' }));
  const authorization = `Bearer ${await serviceToken('svc-tax')}`;
  const body = JSON.stringify({ query: 'mutation($r: [JSON!]!) { submitAdverseRecords(batchId: "drain-1", indicator: "AD04", records: $r) { accepted rejected } }', variables: { r: records } });
  // signed as the gateway signs: a subgraph answers nothing else
  const inFlight = fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization, [HOP_SIGNATURE_HEADER]: signHop(system.hopKey, { body, authorization }) },
    body,
  });
  await new Promise((r) => setTimeout(r, 300));
  adverse.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 100));
  await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();

  const res = await inFlight;
  expect(res.status).toBe(200);
  expect(((await res.json()) as { data: { submitAdverseRecords: unknown } }).data.submitAdverseRecords).toEqual({ accepted: 50, rejected: 0 });
  expect(await exited).toBe(0);
  expect((await system.stored('adverse', 'AD04', [uscc])).filter((r) => String(r.data['taxType']).startsWith('DRAIN-'))).toHaveLength(50);
});
