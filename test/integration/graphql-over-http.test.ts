// GraphQL-over-HTTP conformance: graphql-http's server audits against the gateway. Some audits
// select __type, which only a credit administrator may, so they run with an administrator's token.
import { auditServer } from 'graphql-http';
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem(5);
});
afterAll(() => system?.stop());

it('passes every MUST of the GraphQL-over-HTTP server audits', async () => {
  const token = await serviceToken('svc-credit-admin');
  const fetchFn = (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(url, { ...init, headers });
  };
  const results = await auditServer({ url: system.gateway.url, fetchFn });
  expect(results.length).toBeGreaterThan(30);
  const failedMusts = results.flatMap((r) => (r.status === 'error' ? [`${r.name}: ${r.reason}`] : []));
  expect(failedMusts).toEqual([]);
});

it('answers a syntax error with 400 and the parser message, never a 500', async () => {
  for (const query of ['{', '{ 8f31 }', 'query { enterprise(uscc: ) }']) {
    const res = await fetch(system.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(body.errors[0]?.message).toMatch(/^Syntax Error: /);
  }
});
