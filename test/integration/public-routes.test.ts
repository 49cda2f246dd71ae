// What the public (no sign-in) may cost the gateway: every request without a validated identity
// draws on one per-address budget, whatever its Authorization header says and whichever route it
// takes; report bodies are checked against their schema before use and bounded in size; no
// landing page is served.
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';

describe('the per-address budget of requests without a validated identity', () => {
  let system: TestSystem;
  let base: string;
  beforeAll(async () => {
    system = await startTestSystem(5, { GATEWAY_ANONYMOUS_PER_MINUTE: '5' });
    base = system.gateway.url.replace(/\/graphql$/, '');
  });
  afterAll(() => system?.stop());

  it('counts a request with any Authorization header on a route that reads no token, and junk tokens on routes that do', async () => {
    const statuses: number[] = [];
    // a route that never validates a token: the header buys nothing
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${base}/reports/verify?number=R20261126163501-500103-K7Q2`, { headers: { authorization: 'x' } })).status);
    // a route that does: refused tokens are counted before their 401
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer junk' }, body: '{"query":"{ indicatorCatalogue { code } }"}' })).status,
      );
    expect(statuses).toEqual([200, 200, 200, 401, 401, 429, 429]);
    // the budget is the address's, across routes: anonymous GraphQL is refused now too
    expect((await system.query('{ indicatorCatalogue { code } }')).status).toBe(429);
    // a validated caller is not counted
    expect((await system.query('{ indicatorCatalogue { code } }', {}, await serviceToken('svc-tax'))).status).toBe(200);
  });
});

describe('report bodies', () => {
  let system: TestSystem;
  let base: string;
  beforeAll(async () => {
    system = await startTestSystem(5);
    base = system.gateway.url.replace(/\/graphql$/, '');
  });
  afterAll(() => system?.stop());

  const verifyJson = (body: unknown) =>
    fetch(`${base}/reports/verify?number=R20261126163501-500103-K7Q2`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const facts = {
    number: 'R20261126163501-500103-K7Q2',
    version: 'PUBLIC',
    uscc: '91500000000000000X',
    name: 'x',
    queriedAt: '2026-11-26T08:35:01.000Z',
    issuedAt: '2026-11-26T08:35:01.000Z',
    issuer: { agency: null, region: '500000' },
    requester: { agency: null, purpose: null },
    pdfSha256: 'a'.repeat(64),
  };

  it('refuses a signature that is not a string at once, naming it, and keeps serving', async () => {
    const started = Date.now();
    const res = await verifyJson({ sha256: 'a'.repeat(64), attestation: { kid: 'k', facts, signature: { length: 50_000_000 } } });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(body.errors[0]?.message).toMatch(/^attestation\.signature: /);
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
  });

  it('names a missing or ill-typed part of the statement instead of failing', async () => {
    const { facts: _omitted, ...withoutFacts } = { kid: 'k', facts, signature: 'abc' };
    const missing = await verifyJson({ sha256: 'a'.repeat(64), attestation: withoutFacts });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/^attestation\.facts: /);
    const wrongType = await verifyJson({ sha256: 'a'.repeat(64), attestation: { kid: 'k', facts: { ...facts, issuer: 'me' }, signature: 'abc' } });
    expect(((await wrongType.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/^attestation\.facts\.issuer: /);
    const unknown = await verifyJson({ sha256: 'a'.repeat(64), extra: 1 });
    expect(unknown.status).toBe(400);
  });

  it('refuses a PDF larger than any report with 413', async () => {
    const res = await fetch(`${base}/reports/verify?number=R20261126163501-500103-K7Q2`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: Buffer.alloc(9 * 1024 * 1024) });
    expect(res.status).toBe(413);
  });

  it('refuses a report request with anything but uscc or registrationNo', async () => {
    const res = await fetch(`${base}/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ uscc: { $ne: null } }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/^uscc: /);
  });

  it('keeps recording after a caller sends text the audit database cannot store (NUL, a lone surrogate)', async () => {
    for (const operationName of ['\u0000', '\ud800x']) {
      const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }', operationName }) });
      expect(res.status).toBe(400);
    }
    await system.gateway.flushAudit();
    // a signed-in answer waits for its audit row: it is served, so the trail still takes writes
    const after = await system.query('{ indicatorCatalogue { code } }', {}, await serviceToken('svc-tax'));
    expect(after.status).toBe(200);
  });

  it('serves no landing page to a browser asking for /graphql', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    const text = await res.text();
    expect(text).not.toMatch(/apollographql|embeddable-sandbox|<script/i);
  });
});
