// What one signed-in caller may cost: requests per minute by role, expensive operations at once,
// bulk files bounded (roles checked before the body is read, long lines and huge bodies refused
// without harm); CORS for the configured origins only; a token refused on a later hop fails the
// request cleanly.
import { Readable } from 'node:stream';
import { startTestSystem, type TestSystem } from './harness';
import { killGroup, slowProxy, startGatewayProcess } from './processes';
import { serviceToken, userToken } from './tokens';

let system: TestSystem;
let base: string;

beforeAll(async () => {
  system = await startTestSystem(20, {
    GATEWAY_BIDDING_PER_MINUTE: '4',
    GATEWAY_CONCURRENT_EXPENSIVE: '1',
    GATEWAY_MAX_BULK_BODY_MB: '1',
    GATEWAY_CORS_ORIGINS: 'https://credit.example',
  });
  base = system.gateway.url.replace(/\/graphql$/, '');
});
afterAll(() => system?.stop());

const CATALOGUE = '{ indicatorCatalogue { code } }';

it('limits requests per minute for a signed-in caller by role, and counts each caller apart', async () => {
  const bidding = await serviceToken('svc-bidding-platform');
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await system.query(CATALOGUE, {}, bidding)).status);
  expect(statuses).toEqual([200, 200, 200, 200, 429]);
  const limited = await system.query(CATALOGUE, {}, bidding);
  expect(limited.errors?.[0]).toMatchObject({ message: expect.stringMatching(/too many requests from this caller/), extensions: { code: 'RATE_LIMITED' } });
  // another subject, and a member (a more generous class), are not held back
  expect((await system.query(CATALOGUE, {}, await userToken('bidding-operator'))).status).toBe(200);
  expect((await system.query(CATALOGUE, {}, await serviceToken('svc-tax'))).status).toBe(200);
});

/** A bulk request whose body stays open until `finish()`: it holds the caller's slot meanwhile. */
function openBulk(token: string, indicator: string, batchId: string) {
  let push: (line: string | null) => void = () => undefined;
  const body = new Readable({ read() {} });
  push = (line) => body.push(line);
  const response = fetch(`${base}/submissions/${indicator}?batchId=${batchId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` },
    body: Readable.toWeb(body) as ReadableStream,
    duplex: 'half',
  });
  return { response, send: (line: string) => push(`${line}\n`), finish: () => push(null) };
}

it('lets one caller run one expensive operation at a time (as configured), and others meanwhile', async () => {
  const tax = await serviceToken('svc-tax');
  const uscc = system.enterprise(0).directory.uscc;
  const bulk = openBulk(tax, 'AD04', 'slot-1');
  bulk.send(JSON.stringify({ uscc, announcedOn: '2026-03-01', taxType: 'SLOT', arrearsAmount: '1.00' }));
  // once the route holds the slot (it answers nothing until the body ends), a bidder check of the same caller is refused
  const CHECK = 'query($c: [ID!]!) { bidderCheck(usccs: $c) { ruleSetVersion } }';
  let check = await system.query(CHECK, { c: [uscc] }, tax);
  for (const until = Date.now() + 15_000; check.status !== 429 && Date.now() < until;) {
    await new Promise((r) => setTimeout(r, 50));
    check = await system.query(CHECK, { c: [uscc] }, tax);
  }
  expect(check.status).toBe(429);
  expect(check.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
  // a large list counts however it is spelled: literals, or two aliases of 60 codes each
  const codes = Array.from({ length: 1000 }, (_, i) => system.enterprise(i % 20).directory.uscc);
  const literal = await system.query(`{ enterprises(usccs: ${JSON.stringify(codes)}) { uscc } }`, {}, tax);
  expect(literal.status).toBe(429);
  expect(literal.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
  const sixty = JSON.stringify(codes.slice(0, 60));
  const aliased = await system.query(
    `query($c: [ID!]!) { a: enterprises(usccs: ${sixty}) { uscc } ...more } fragment more on Query { b: enterprises(usccs: $c) { uscc } }`,
    { c: codes.slice(60, 120) },
    tax,
  );
  expect(aliased.status).toBe(429);
  // or as a variable's declared default, the request sending no variables at all
  const defaulted = await system.query(`query($c: [ID!]! = ${JSON.stringify(codes.slice(0, 200))}) { enterprises(usccs: $c) { uscc } }`, {}, tax);
  expect(defaulted.status).toBe(429);
  // a small look-up is not expensive and runs meanwhile
  const small = await system.query(`{ enterprises(usccs: ${JSON.stringify(codes.slice(0, 5))}) { uscc } }`, {}, tax);
  expect(small.errors).toBeUndefined();
  const other = await system.query('query($c: [ID!]!) { bidderCheck(usccs: $c) { ruleSetVersion } }', { c: [uscc] }, await serviceToken('svc-court'));
  expect(other.errors).toBeUndefined();
  bulk.finish();
  expect((await bulk.response).status).toBe(200);
  const after = await system.query('query($c: [ID!]!) { bidderCheck(usccs: $c) { ruleSetVersion } }', { c: [uscc] }, tax);
  expect(after.errors).toBeUndefined();
  // checks under aliases would run many under one slot: one per operation
  const twice = await system.query('query($c: [ID!]!) { a: creditCheck(scenario: HONOURS, usccs: $c) { id } b: creditCheck(scenario: HONOURS, usccs: $c) { id } }', { c: [uscc] }, tax, {
    purpose: 'SUPERVISION',
  });
  expect(twice.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^query: one bidderCheck or creditCheck per operation, got 2/), extensions: { code: 'BAD_USER_INPUT' } });
});

it('refuses a caller without the submitter role before reading the body', async () => {
  // (the platform's own account spent its budget, which covers every route, in the first test)
  const bulk = openBulk(await userToken('bidding-operator'), 'AD04', 'norole-1');
  bulk.send('{"uscc": "x"}');
  // the body is never finished: the answer cannot depend on it
  const res = await bulk.response;
  expect(res.status).toBe(403);
  expect(((await res.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/credit-submitter role/);
  bulk.finish();
});

it('rejects an over-long line without holding it, and refuses a body over the limit with 413', async () => {
  const tax = await serviceToken('svc-tax');
  const uscc = system.enterprise(1).directory.uscc;
  const good = JSON.stringify({ uscc, announcedOn: '2026-03-01', taxType: 'LONG-OK', arrearsAmount: '1.00' });
  const long = JSON.stringify({ uscc, announcedOn: '2026-03-01', taxType: 'x'.repeat(200_000), arrearsAmount: '1.00' });
  const res = await fetch(`${base}/submissions/AD04?batchId=long-1`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${tax}` },
    body: [good, long, good.replace('LONG-OK', 'LONG-OK2')].join('\n'),
  });
  expect(res.status).toBe(200);
  const report = (await res.json()) as { accepted: number; rejections: { index: number; rule: string; message: string }[] };
  expect(report.accepted).toBe(2);
  expect(report.rejections).toEqual([expect.objectContaining({ index: 1, rule: 'V07', message: expect.stringMatching(/longer than \d+ bytes/) })]);

  const huge = Array.from({ length: 6000 }, (_, n) => JSON.stringify({ uscc, announcedOn: '2026-03-01', taxType: `HUGE-${n}`, arrearsAmount: '1.00', pad: 'y'.repeat(100) })).join('\n');
  expect(huge.length).toBeGreaterThan(1024 * 1024);
  const tooBig = await fetch(`${base}/submissions/AD04?batchId=huge-1`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${tax}` }, body: huge });
  expect(tooBig.status).toBe(413);
  expect(((await tooBig.json()) as { errors: { message: string; extensions: { code: string } }[] }).errors[0]).toMatchObject({
    extensions: { code: 'PAYLOAD_TOO_LARGE' },
    message: expect.stringMatching(/larger than 1 MB/),
  });
  // and the gateway is still there
  expect((await fetch(`${base}/health/live`)).status).toBe(200);
});

it('answers CORS preflights for the configured origins only', async () => {
  const preflight = (origin: string) =>
    fetch(system.gateway.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-query-purpose' } });
  const allowed = await preflight('https://credit.example');
  expect(allowed.headers.get('access-control-allow-origin')).toBe('https://credit.example');
  expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  const foreign = await preflight('https://evil.example');
  expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
});

it('fails the whole request with 401 when a subgraph refuses a token the gateway accepted', async () => {
  // a proxy in front of the adverse subgraph spoils the token on that hop, as expiry on the way would
  const proxy = await slowProxy(system.subgraphs.adverse.running.url, 0, (h) => ({ ...h, authorization: `${h['authorization'] ?? ''}x` }));
  const gateway = await startGatewayProcess(system, {}, { adverse: proxy.url });
  try {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await serviceToken('svc-tax')}`, 'x-query-purpose': 'SUPERVISION' },
      body: JSON.stringify({ query: 'query($u: ID!) { enterprise(uscc: $u) { name taxArrears { id } } }', variables: { u: system.enterprise(0).directory.uscc } }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/invalid_token/);
    const body = (await res.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([{ message: expect.stringMatching(/refresh it and send the request again/), extensions: { code: 'UNAUTHENTICATED', requestId: res.headers.get('x-request-id') } }]);
  } finally {
    killGroup(gateway.proc);
    proxy.close();
  }
});
