// Every operation through the gateway leaves an audit event an auditor can find by enterprise,
// agency, subject and time; nobody else reads the trail and nobody changes it.
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken, userToken } from './tokens';
import { todayIso } from '../../schema/today';
import { documentHash } from '../../platform/document-hash';

let system: TestSystem;
let base: string;

beforeAll(async () => {
  system = await startTestSystem(30, { GATEWAY_REFUSAL_AUDIT_PER_MINUTE: '20' });
  base = system.gateway.url.replace(/\/graphql$/, '');
});
afterAll(() => system?.stop());

interface Event {
  subject: string;
  client: string;
  agency: string | null;
  enterprises: string[];
  indicators: string[];
  purpose: string | null;
  outcome: string;
  refused: { path: string; code: string }[];
  operationName: string | null;
  documentHash: string;
  durationMs: number;
  time: string;
  clientAddress: string | null;
  errorCodes: string[];
  refusal?: { status: number; path: string; method: string; suppressedBefore?: number };
}

async function auditEvents(query: string, token?: string): Promise<{ status: number; events?: Event[] }> {
  const res = await fetch(`${base}/audit/events?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = (await res.json()) as { events?: Event[] };
  return { status: res.status, events: body.events };
}

const subjectOf = (token: string): string => (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub: string }).sub;

it('lets an auditor find who read an enterprise today, with purpose, indicators and refusals', async () => {
  const uscc = system.enterprise(3).directory.uscc;
  const tax = await serviceToken('svc-tax');
  const bidding = await serviceToken('svc-bidding-platform');
  const taxCheck = 'query TaxCheck($u: ID!) { enterprise(uscc: $u) { name totalAssets { amount } } }';
  await system.query(taxCheck, { u: uscc }, tax, { purpose: 'LAW_ENFORCEMENT' });
  await system.query('query BidCheck($u: ID!) { enterprise(uscc: $u) { name totalAssets { amount } } }', { u: uscc }, bidding);
  await system.gateway.flushAudit();

  const auditor = await userToken('credit-auditor');
  const today = todayIso();
  const found = await auditEvents(`enterprise=${uscc}&from=${today}&to=${today}`, auditor);
  expect(found.status).toBe(200);
  const byName = new Map((found.events ?? []).map((e) => [e.operationName, e]));
  expect(byName.get('TaxCheck')).toMatchObject({
    subject: subjectOf(tax),
    client: 'svc-tax',
    agency: 'tax',
    purpose: 'LAW_ENFORCEMENT',
    outcome: 'OK',
    indicators: ['EC01'],
    enterprises: [uscc],
    refused: [],
  });
  expect(byName.get('BidCheck')).toMatchObject({ client: 'svc-bidding-platform', outcome: 'PARTIAL', refused: [{ path: 'enterprise.totalAssets', code: 'FORBIDDEN' }] });
  // the id the trusted-document manifest and the console use for the same text
  expect(byName.get('TaxCheck')?.documentHash).toBe(documentHash(taxCheck));

  const bySubject = await auditEvents(`subject=${subjectOf(tax)}`, auditor);
  expect(bySubject.events?.every((e) => e.subject === subjectOf(tax))).toBe(true);
  const byAgency = await auditEvents('agency=tax', auditor);
  expect(byAgency.events?.map((e) => e.operationName)).toContain('TaxCheck');
});

it('refuses the trail to anyone but an auditor, and offers no way to change it', async () => {
  expect((await auditEvents('agency=tax')).status).toBe(401);
  expect((await auditEvents('agency=tax', await serviceToken('svc-credit-admin'))).status).toBe(403);
  const auditor = await userToken('credit-auditor');
  for (const method of ['DELETE', 'PUT', 'POST', 'PATCH']) {
    const res = await fetch(`${base}/audit/events`, { method, headers: { authorization: `Bearer ${auditor}` } });
    expect([method, res.status]).toEqual([method, 404]);
  }
  expect((await auditEvents('from=yesterday', auditor)).status).toBe(400);
  expect((await auditEvents('enterprise=NOTACODE', auditor)).status).toBe(400);
});

it('records the enterprises a response returned, however the query named them', async () => {
  const tax = await serviceToken('svc-tax');
  const auditor = await userToken('credit-auditor');
  const all = Array.from({ length: system.demo.size }, (_, i) => system.enterprise(i).directory).slice(6);
  const byRegistration = all.find((e) => e.registrationNo !== undefined);
  const [bySearch, byAlias] = all.filter((e) => e !== byRegistration);
  const registrationNo = byRegistration?.registrationNo ?? '';
  await system.query('query AuditByRegistration($r: String!) { enterprise(registrationNo: $r) { name } }', { r: registrationNo }, tax);
  await system.query('query AuditBySearch($q: String!) { searchEnterprises(query: $q) { edges { node { name } } } }', { q: bySearch?.uscc }, tax);
  await system.query('query AuditByAlias($c: [ID!]!) { enterprises(usccs: $c) { code: uscc name } }', { c: [byAlias?.uscc] }, tax);
  await system.gateway.flushAudit();
  for (const [e, operation] of [
    [byRegistration, 'AuditByRegistration'],
    [bySearch, 'AuditBySearch'],
    [byAlias, 'AuditByAlias'],
  ] as const) {
    const found = await auditEvents(`enterprise=${e?.uscc}`, auditor);
    expect([operation, found.events?.some((ev) => ev.operationName === operation)]).toEqual([operation, true]);
  }
});

it('audits requests refused before any operation runs, a bounded number a minute per address', async () => {
  const auditor = await userToken('credit-auditor');
  const from = new Date().toISOString();
  const post = (headers: Record<string, string>, body: string) => fetch(system.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const query = JSON.stringify({ query: '{ indicatorCatalogue { code } }' });
  expect((await post({ authorization: 'Bearer not.a.token' }, query)).status).toBe(401);
  expect((await post({ authorization: `Bearer ${await serviceToken('svc-tax')}`, 'x-query-purpose': 'CURIOSITY' }, query)).status).toBe(400);
  expect((await post({}, JSON.stringify({ query: 'x'.repeat(2 * 1024 * 1024) }))).status).toBe(413);
  expect((await fetch(system.gateway.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: query })).status).toBe(400);
  await system.gateway.flushAudit();
  const events = (await auditEvents(`from=${encodeURIComponent(from)}&limit=100`, auditor)).events ?? [];
  const refusals = events.filter((e) => e.refusal);
  expect(refusals.map((e) => e.refusal?.status).sort()).toEqual([400, 400, 401, 413]);
  expect(refusals.find((e) => e.refusal?.status === 401)).toMatchObject({ errorCodes: ['UNAUTHENTICATED'], refusal: { path: '/graphql', method: 'POST' }, outcome: 'ERROR' });
  expect(refusals.find((e) => e.refusal?.status === 400 && e.client === 'svc-tax')).toBeDefined();

  // one address cannot flood the trail: past the bound, refusals are counted, not written
  for (let i = 0; i < 40; i++) await post({ authorization: 'Bearer not.a.token' }, query);
  await new Promise((r) => setTimeout(r, 100));
  await system.gateway.flushAudit();
  const after = (await auditEvents(`from=${encodeURIComponent(from)}&limit=1000`, auditor)).events ?? [];
  // 20 a minute for this address, some of them taken by the refusals of the tests before this one
  expect(after.filter((e) => e.refusal).length).toBeLessThanOrEqual(20);
  expect(after.filter((e) => e.refusal).length).toBeGreaterThan(4);
});

it('writes buffered events when the gateway shuts down', async () => {
  const uscc = system.enterprise(5).directory.uscc;
  await system.query('query BeforeShutdown($u: ID!) { enterprise(uscc: $u) { name } }', { u: uscc });
  await system.gateway.stop();
  const stored = (await system.audit.find({ operationName: 'BeforeShutdown', limit: 1 }))[0];
  expect(stored?.enterprises).toEqual([uscc]);
});
