// What an operator reads: one log line per request in the gateway and in each subgraph it asked,
// under the request id the client got back; no token, secret or ID number in any line.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem(10);
});
afterAll(() => system?.stop());

it('logs each request once per process it crossed, under the id the client got back', async () => {
  const token = await serviceToken('svc-tax');
  const res = await fetch(system.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-query-purpose': 'SUPERVISION', 'x-request-id': 'caller-chosen-id' },
    body: JSON.stringify({
      query: 'query LoggedProfile($u: ID!) { enterprise(uscc: $u) { name legalRepresentative { idNumber } taxArrears { id } } }',
      variables: { u: system.enterprise(0).directory.uscc },
    }),
  });
  expect(res.status).toBe(200);
  const requestId = res.headers.get('x-request-id') ?? '';
  // the gateway answers callers with an id of its own unless told to trust theirs
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  await new Promise((r) => setTimeout(r, 50));
  const lines = system.logs.filter((l) => l['requestId'] === requestId && l['msg'] === 'request');
  const gateway = lines.filter((l) => l['service'] === 'gateway');
  expect(gateway).toEqual([
    expect.objectContaining({
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'LoggedProfile',
      operationType: 'query',
      outcome: 'OK',
      client: 'svc-tax',
      agency: 'tax',
      purpose: 'SUPERVISION',
      durationMs: expect.any(Number),
    }),
  ]);
  // the same id on the hops: identity and adverse were asked, once each
  expect(lines.filter((l) => l['service'] === 'identity')).toHaveLength(1);
  expect(lines.filter((l) => l['service'] === 'adverse')).toHaveLength(1);
  const text = JSON.stringify(system.logs);
  expect(text).not.toContain(token);
  expect(text).not.toMatch(/svc-tax-secret|Bearer /);
  const idNumber = String(system.enterprise(0).records.identity.find((r) => r.ind === 'ID02')?.data['idNumber']);
  expect(text).not.toContain(idNumber);
});

it('puts the request id on the errors a client receives', async () => {
  const res = await fetch(system.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query($u: ID!) { enterprise(uscc: $u) { name } }', variables: { u: 'NOT-A-CODE' } }),
  });
  const body = (await res.json()) as { errors: { extensions: { code: string; requestId?: string } }[] };
  expect(body.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', requestId: res.headers.get('x-request-id') });
});

it('logs health probes at debug only, so the info log holds what callers asked', async () => {
  const base = system.gateway.url.replace(/\/graphql$/, '');
  const probe = await fetch(`${base}/health/live`);
  expect(probe.status).toBe(200);
  const id = probe.headers.get('x-request-id');
  const other = await fetch(`${base}/reports/keys`);
  await new Promise((r) => setTimeout(r, 50));
  // the test system logs at info: the probe is absent, the other request present
  expect(system.logs.filter((l) => l['requestId'] === id)).toEqual([]);
  expect(system.logs.filter((l) => l['requestId'] === other.headers.get('x-request-id'))).toHaveLength(1);
});

it('prints lines for people with LOG_FORMAT=pretty, redacted as the JSON ones are', () => {
  const script = "require('./platform/logger').createLogger('gateway').info({ headers: { authorization: 'Bearer abc.def.ghi' } }, 'ready for callers')";
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, LOG_FORMAT: 'pretty', NO_COLOR: '1' },
    encoding: 'utf8',
  });
  expect(out).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: ready for callers/);
  expect(out).toContain('[redacted]');
  expect(out).not.toContain('abc.def.ghi');
  expect(out.split('\n')[0]).not.toMatch(/^\{/);
  const refused = () => execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, LOG_FORMAT: 'xml' }, stdio: 'pipe' });
  expect(refused).toThrow(/LOG_FORMAT must be json or pretty/);
});
