// The request examples of the README and the reference in docs/, as written there: every
// `curl … -d '{json}'` body is sent to the gateway with the demo tokens the documents fetch, and
// the audit example is read back. An edit that breaks an example breaks this test.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken, userToken } from './tokens';
import { ROOT } from '../../platform/paths';
import { todayIso } from '../../schema/today';

const DOCS = path.join(ROOT, 'docs');
const README = [
  path.join(ROOT, 'README.md'),
  ...readdirSync(DOCS)
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(DOCS, f)),
]
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem(200);
});
afterAll(() => system?.stop());

/** The JSON bodies of the README's GraphQL curl examples. */
function graphqlBodies(): { query: string; variables?: Record<string, unknown> }[] {
  return [...README.matchAll(/curl -s http:\/\/127\.0\.0\.1:4000\/graphql[^\n]*(?:\n[^\n]*?)*?-d '(\{.*\})'/g)].map(
    (m) => JSON.parse(m[1] ?? '{}') as { query: string; variables?: Record<string, unknown> },
  );
}

it('finds the GraphQL examples in the README', () => {
  expect(graphqlBodies().length).toBeGreaterThan(0);
});

it('answers each GraphQL example as the README says, for a member agency and for the public', async () => {
  for (const body of graphqlBodies()) {
    const member = await system.query(body.query, body.variables, await serviceToken('svc-tax'), { purpose: 'SUPERVISION' });
    expect(member.errors).toBeUndefined();
    expect(JSON.stringify(member.data)).toMatch(/建筑工程/);
    // "Without a token the same query returns the PUBLIC fields and … UNAUTHENTICATED"
    const anonymous = await system.query(body.query, body.variables);
    expect(anonymous.status).toBe(200);
    expect(anonymous.errors?.length).toBeGreaterThan(0);
    expect(anonymous.errors?.every((e) => e.extensions?.['code'] === 'UNAUTHENTICATED')).toBe(true);
  }
});

it('lists a member query in the audit trail with the README audit example', async () => {
  const example = /"http:\/\/127\.0\.0\.1:4000(\/audit\/events\?[^"]+)"/.exec(README)?.[1];
  expect(example).toBeDefined();
  const uscc = system.enterprise(1).directory.uscc;
  await system.query('query ReadmeAudit($u: ID!) { enterprise(uscc: $u) { name } }', { u: uscc }, await serviceToken('svc-tax'));
  await system.gateway.flushAudit();
  const today = todayIso();
  const url = (example ?? '').replace('<USCC>', uscc).replace('$(TZ=Asia/Shanghai date +%F)', today);
  const res = await fetch(system.gateway.url.replace(/\/graphql$/, url), { headers: { authorization: `Bearer ${await userToken('credit-auditor')}` } });
  expect(res.status).toBe(200);
  const { events } = (await res.json()) as { events: { operationName: string | null }[] };
  expect(events.map((e) => e.operationName)).toContain('ReadmeAudit');
});
