// What one request may cost, and what the schema discloses: hostile documents are refused with a
// clear error that does not reveal the limits; introspection is for administrators only.
import { INDICATORS } from '../../schema/catalogue';
import { postGraphQL, startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem(20);
});
afterAll(() => system?.stop());

const uscc = () => system.enterprise(0).directory.uscc;

/** Refused with 400 and QUERY_TOO_COMPLEX, naming the limit (`which`) but not its value. */
function expectRefusedWithoutLimit(res: { status: number; errors?: { message: string; extensions?: Record<string, unknown> }[] }, which: RegExp): void {
  expect(res.status).toBe(400);
  expect(res.errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_COMPLEX');
  expect(res.errors?.[0]?.message).toMatch(which);
  expect(JSON.stringify(res.errors)).not.toMatch(/\b(10|15|20|5000|20000)\b|Syntax Error|validation error/i);
}

it('serves the full profile of all 39 indicators within the limits', async () => {
  const fields = INDICATORS.map((i) => `${i.field} { id ${i.attributes.map((a) => a.name).join(' ')} }`).join(' ');
  const res = await system.query(`query($u: ID!) { enterprise(uscc: $u) { ${fields} } }`, { u: uscc() }, await serviceToken('svc-credit-admin'));
  expect(res.errors).toBeUndefined();
});

it('refuses a query nested deeper than the limit', async () => {
  let selection = 'uscc';
  for (let i = 0; i < 6; i++) selection = `legalRepresentative { person { representedEnterprises { ${selection} } } }`;
  const res = await system.query(`query($u: ID!) { enterprise(uscc: $u) { ${selection} } }`, { u: uscc() }, await serviceToken('svc-tax'));
  expectRefusedWithoutLimit(res, /nested too deeply/);
});

it('refuses a query with too many aliases', async () => {
  const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: enterprise(uscc: $u) { name }`).join(' ');
  expectRefusedWithoutLimit(await system.query(`query($u: ID!) { ${aliases} }`, { u: uscc() }), /too many aliases/);
});

it('counts every alias, __typename included', async () => {
  const aliases = Array.from({ length: 1000 }, (_, i) => `t${i}: __typename`).join(' ');
  expectRefusedWithoutLimit(await system.query(`{ ${aliases} }`), /too many aliases/);
});

it('refuses a query with too many directives and one with too many tokens', async () => {
  // one directive per field: a repeated directive at one location is refused by GraphQL validation itself
  const directives = Array.from({ length: 50 }, () => 'name @include(if: true)').join(' ');
  expectRefusedWithoutLimit(await system.query(`query($u: ID!) { enterprise(uscc: $u) { ${directives} } }`, { u: uscc() }), /too many directives/);
  const fields = Array.from({ length: 6000 }, () => 'name').join(' ');
  expectRefusedWithoutLimit(await system.query(`query($u: ID!) { enterprise(uscc: $u) { ${fields} } }`, { u: uscc() }), /too long/);
});

it('does not suggest field names', async () => {
  const res = await system.query('{ indicatorCatalog { code } }');
  expect(res.errors?.[0]?.message).not.toMatch(/Did you mean/);
});

it('allows introspection to a credit administrator only', async () => {
  const query = '{ __schema { queryType { name } } }';
  const anonymous = await system.query(query);
  expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  expect(anonymous.data ?? null).toBeNull();
  const member = await system.query(query, {}, await serviceToken('svc-tax'));
  expect(member.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  const admin = await system.query<{ __schema: { queryType: { name: string } } }>(query, {}, await serviceToken('svc-credit-admin'));
  expect(admin.data?.__schema.queryType.name).toBe('Query');
});

it('refuses HTTP batches, oversized bodies and malformed JSON with JSON errors', async () => {
  const batch = await postGraphQL(system.gateway.url, [{ query: '{ indicatorCatalogue { code } }' }, { query: '{ indicatorCatalogue { code } }' }]);
  expect(batch.status).toBe(400);

  const huge = await fetch(system.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ indicatorCatalogue { code } } #${'x'.repeat(1_500_000)}` }),
  });
  expect(huge.status).toBe(413);
  expect(((await huge.json()) as { errors: { message: string }[] }).errors[0]?.message).toBe('request body is too large');

  const malformed = await fetch(system.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
  expect(malformed.status).toBe(400);
  const text = await malformed.text();
  expect(text).toMatch(/not valid JSON/);
  expect(text).not.toMatch(/at .*\.js:\d+|<html/i);
});

it('blocks cross-site simple requests (CSRF prevention)', async () => {
  const res = await fetch(`${system.gateway.url}?query=${encodeURIComponent('{ indicatorCatalogue { code } }')}`, { method: 'GET' });
  expect(res.status).toBe(400);
  const plain = await fetch(system.gateway.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ indicatorCatalogue { code } }"}' });
  expect(plain.status).toBe(400);
});

it('returns the other subgraphs\u2019 data and an error for a subgraph that is down', async () => {
  await system.subgraphs.economic.running.stop();
  const res = await system.query<{ enterprise: { name: string; totalAssets: unknown } }>(
    'query($u: ID!) { enterprise(uscc: $u) { name totalAssets { amount } } }',
    { u: uscc() },
    await serviceToken('svc-tax'),
  );
  expect(res.status).toBe(200);
  expect(res.data?.enterprise.name).toBe(system.enterprise(0).directory.name);
  expect(res.data?.enterprise.totalAssets).toBeNull();
  expect(res.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
  expect(JSON.stringify(res.errors)).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\//);
});

// runs after the test above stopped the economic subgraph
it('reports the gateway not ready while a subgraph is down', async () => {
  const base = system.gateway.url.replace(/\/graphql$/, '');
  const res = await fetch(`${base}/health/ready`);
  expect(res.status).toBe(503);
  expect(((await res.json()) as { checks: Record<string, string> }).checks).toMatchObject({ identity: 'UP', economic: 'DOWN' });
  expect((await fetch(`${base}/health/live`)).status).toBe(200);
});
