// Two gateways over one Redis enforce one budget: a caller's requests per minute, an address's
// anonymous budget and a caller's expensive-operation slots are counted once, whichever gateway
// a request reaches; a query registered (APQ) through one is known to the other. When Redis is
// down, anonymous callers are refused with 503 and signed-in callers are counted by each gateway.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { systemConfigFromEnv } from '../../launcher/config';
import { startGatewayService, type StartedGateway } from '../../launcher/services';
import { createLogger } from '../../platform/logger';
import { connectRedis } from '../../platform/redis';
import { startRedis, stopRedis } from '../../scripts/services/redis';
import type { SubgraphName } from '../../subgraphs/index';
import { postGraphQL, startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';

const LIMITS = { GATEWAY_BIDDING_PER_MINUTE: '4', GATEWAY_ANONYMOUS_PER_MINUTE: '4', GATEWAY_CONCURRENT_EXPENSIVE: '1' };
const OUTAGE_REDIS_PORT = Number(process.env['REDIS_OUTAGE_TEST_PORT'] ?? 6390);
const CATALOGUE = '{ indicatorCatalogue { code } }';

let system: TestSystem;
const extra: StartedGateway[] = [];

/** Another gateway beside the test system's, over the same subgraphs and databases, with `env`'s limits store. */
async function anotherGateway(env: NodeJS.ProcessEnv, logLines?: string[]): Promise<string> {
  const config = systemConfigFromEnv({ ...process.env, ...LIMITS, ...env, DATABASE_PREFIX: system.dbPrefix });
  const urls = Object.fromEntries(Object.entries(system.subgraphs).map(([name, s]) => [name, s.running.url])) as Record<SubgraphName, string>;
  const logger = logLines ? createLogger('gateway', { LOG_LEVEL: 'info' }, { write: (line: string) => void logLines.push(line) }) : createLogger('gateway', { LOG_LEVEL: 'silent' });
  const started = await startGatewayService({ ...config, gateway: { ...config.gateway, port: 0, console: null } }, logger, urls);
  extra.push(started);
  return started.running.url;
}

let a: string;
let b: string;

beforeAll(async () => {
  const redis = process.env['REDIS_TEST_URL'];
  if (!redis) throw new Error('REDIS_TEST_URL is not set: run the integration tests through jest (global-setup starts Redis)');
  system = await startTestSystem(5, { ...LIMITS, REDIS_URL: redis });
  a = system.gateway.url;
  b = await anotherGateway({ REDIS_URL: redis });
});
afterAll(async () => {
  for (const g of extra) await g.stop();
  await system?.stop();
  await stopRedis('redis-outage-test');
});

const ask = (url: string, token?: string, body: Record<string, unknown> = { query: CATALOGUE }) => postGraphQL(url, body, token ? { authorization: `Bearer ${token}` } : {});

it('counts one per-minute budget for a signed-in caller across both gateways', async () => {
  const bidding = await serviceToken('svc-bidding-platform');
  const statuses: number[] = [];
  // alternating: each gateway alone would have let all six through (three each, under 4)
  for (let i = 0; i < 6; i++) statuses.push((await ask(i % 2 ? b : a, bidding)).status);
  expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
});

it('counts one anonymous budget per address across both gateways', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await ask(i % 2 ? a : b)).status);
  expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
});

it('gives a caller one expensive-operation slot across both gateways', async () => {
  const tax = await serviceToken('svc-tax');
  const uscc = system.enterprise(0).directory.uscc;
  // a bulk file kept open on gateway A holds the caller's one slot
  const body = new Readable({ read() {} });
  const bulk = fetch(`${a.replace(/\/graphql$/, '')}/submissions/AD04?batchId=shared-slot-1`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${tax}` },
    body: Readable.toWeb(body) as ReadableStream,
    duplex: 'half',
  });
  body.push(`${JSON.stringify({ uscc, announcedOn: '2026-03-01', taxType: 'SLOT', arrearsAmount: '1.00' })}\n`);
  // the slot, as Redis holds it, once the route on A has taken it
  const redis = await connectRedis(process.env['REDIS_TEST_URL'] ?? '');
  const held = async () => {
    const keys = await redis.keys(`${system.dbPrefix}:slots:*`);
    return keys.length > 0 && (await redis.zcard(keys[0] ?? '')) > 0;
  };
  for (const until = Date.now() + 10_000; !(await held()) && Date.now() < until;) await new Promise((r) => setTimeout(r, 50));
  redis.disconnect();
  const CHECK = { query: 'query($c: [ID!]!) { bidderCheck(usccs: $c) { ruleSetVersion } }', variables: { c: [uscc] } };
  const check = () => postGraphQL<unknown>(b, CHECK, { authorization: `Bearer ${tax}`, 'x-query-purpose': 'SUPERVISION' });
  const refused = await check();
  expect(refused.status).toBe(429);
  expect(refused.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
  body.push(null);
  expect((await bulk).status).toBe(200);
  // released on A, the slot is free on B
  // (released when A's response closes: the release may reach Redis just after the response)
  let after = await check();
  for (const until = Date.now() + 5_000; after.status === 429 && Date.now() < until; await new Promise((r) => setTimeout(r, 100))) after = await check();
  expect(after.status).toBe(200);
});

it('knows a persisted query registered through the other gateway', async () => {
  const member = await serviceToken('svc-tax');
  const query = '{ indicatorCatalogue { code category } }';
  const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
  const headers = { authorization: `Bearer ${member}`, 'x-query-purpose': 'SUPERVISION' };
  const unknown = await postGraphQL(b, { extensions: { persistedQuery: { ...persistedQuery, sha256Hash: createHash('sha256').update(`${query} `).digest('hex') } } }, headers);
  expect(unknown.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');
  expect((await postGraphQL(a, { query, extensions: { persistedQuery } }, headers)).status).toBe(200);
  const byHash = await postGraphQL<{ indicatorCatalogue: unknown[] }>(b, { extensions: { persistedQuery } }, headers);
  expect(byHash.status).toBe(200);
  expect(byHash.data?.indicatorCatalogue).toHaveLength(39);
});

it('refuses anonymous callers with 503 while Redis is down, keeps serving signed-in ones within a per-gateway budget, logs the outage once, and recovers', async () => {
  const url = await startRedis(OUTAGE_REDIS_PORT, 'redis-outage-test');
  const logLines: string[] = [];
  const c = await anotherGateway({ REDIS_URL: url, DATABASE_PREFIX: system.dbPrefix }, logLines);
  expect((await ask(c)).status).toBe(200);
  await stopRedis('redis-outage-test');

  const anonymous = await ask(c);
  expect(anonymous.status).toBe(503);
  expect(anonymous.errors?.[0]).toMatchObject({ message: expect.stringMatching(/limits shared by the gateways cannot be read/), extensions: { code: 'SERVICE_UNAVAILABLE' } });
  // a signed-in caller is served, and still limited: by this gateway alone
  const bidding = await serviceToken('svc-bidding-platform');
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await ask(c, bidding)).status);
  expect(statuses).toEqual([200, 200, 200, 200, 429]);

  await startRedis(OUTAGE_REDIS_PORT, 'redis-outage-test');
  let back = await ask(c);
  for (const until = Date.now() + 10_000; back.status !== 200 && Date.now() < until; await new Promise((r) => setTimeout(r, 250))) back = await ask(c);
  expect(back.status).toBe(200);
  // the operator reads of the outage once, however many commands failed, and of its end; never the password
  const about = (text: string) => logLines.filter((l) => l.includes(text)).length;
  expect(about('cannot be reached')).toBe(1);
  for (const until = Date.now() + 5_000; about('reachable again') === 0 && Date.now() < until;) await new Promise((r) => setTimeout(r, 100));
  expect(about('reachable again')).toBe(1);
  expect(logLines.join('')).not.toContain(new URL(url).password);
});
