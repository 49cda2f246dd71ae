// The gateway's entity cache, on as deployed: a repeated read is answered from memory and still
// audited; a change made through one gateway is seen at once through another; one audience's
// answer is never another's; and a cache whose versions cannot be read answers uncached.
import { Client, Pool } from 'pg';
import { runStalenessTrials } from '../../bench/cache-staleness-trials';
import type { RunningGateway } from '../../gateway/server';
import { databaseName } from '../../storage/index';
import { PgEntityVersions } from '../../storage/postgres/entity-versions';
import { urlFor } from '../../storage/postgres/provision';
import { postGraphQL, startTestSystem, type TestSystem } from './harness';
import { serviceToken, userToken } from './tokens';

let system: TestSystem;
let second: RunningGateway;
beforeAll(async () => {
  // the trials submit from three workers at once, and read back as fast as they can
  system = await startTestSystem(20, { GATEWAY_CONCURRENT_EXPENSIVE: '8', GATEWAY_MEMBER_PER_MINUTE: '100000' });
  second = await system.addGateway();
});
afterAll(async () => {
  await system?.stop();
});

const PROFILE = `query CachedProfile($u: ID!) { enterprise(uscc: $u) { uscc name legalRepresentative { name } administrativePenalties { id decisionNo } taxCreditRatings { year grade } totalAssets { year amount } } }`;
const none = { hits: 0, misses: 0, bypassed: 0 };
const stats = (g: RunningGateway) => g.cacheStats() ?? { ...none, bytes: 0, entries: 0, operations: none };

it('answers a repeated profile from memory, as read the first time, and audits both reads with the enterprise', async () => {
  const token = await serviceToken('svc-tax');
  const u = system.enterprise(3).directory.uscc;
  const before = stats(system.gateway);
  const requests = () => Object.values(system.subgraphs).reduce((n, s) => n + s.running.requests.count, 0);
  // the first ask passes through; the second is kept (an enterprise asked about once takes no memory)
  const first = await system.query(PROFILE, { u }, token);
  await system.query(PROFILE, { u }, token);
  const sent = requests();
  const again = await system.query(PROFILE, { u }, token);
  expect(first.errors).toBeUndefined();
  expect(again).toEqual(first);
  // the whole answer came from memory: no subgraph was asked
  expect(requests()).toBe(sent);
  expect(stats(system.gateway).operations.hits - before.operations.hits).toBe(1);
  await system.gateway.flushAudit();
  const events = (await system.audit.find({ operationName: 'CachedProfile', limit: 10 })).filter((e) => e.enterprises.includes(u));
  expect(events).toHaveLength(3);
});

it('never answers one audience with what another was shown', async () => {
  const u = system.enterprise(4).directory.uscc;
  const q = `query($u: ID!) { enterprise(uscc: $u) { uscc name socialInsuranceArrears { id } courtJudgments { id } } }`;
  const admin = await system.query<{ enterprise: Record<string, unknown> }>(q, { u }, await serviceToken('svc-credit-admin'));
  await system.query(q, { u }, await serviceToken('svc-credit-admin'));
  await system.query(q, { u }, await serviceToken('svc-credit-admin'));
  expect(admin.errors).toBeUndefined();
  expect(admin.data?.enterprise['socialInsuranceArrears']).toEqual(expect.any(Array));
  const anonymous = await system.query<{ enterprise: Record<string, unknown> | null }>(q, { u });
  const withoutPurpose = await system.query<{ enterprise: Record<string, unknown> | null }>(q, { u }, await serviceToken('svc-credit-admin'), { purpose: null });
  for (const refused of [anonymous, withoutPurpose]) {
    expect(refused.errors?.map((e) => e.extensions?.['code']).some((c) => c === 'FORBIDDEN' || c === 'UNAUTHENTICATED')).toBe(true);
    expect(refused.data?.enterprise?.['socialInsuranceArrears'] ?? null).toBeNull();
    expect(refused.data?.enterprise?.['courtJudgments'] ?? null).toBeNull();
  }
});

it('shows every change made through one gateway at once through the other: corrections, withdrawals, repairs, objections, statements', async () => {
  const submitter = await serviceToken('svc-aic-city');
  const subject = system.enterprise(0).directory.uscc;
  const outcome = await runStalenessTrials({
    client: { query: (url, query, variables, token, purpose) => postGraphQL(url, { query, variables }, { authorization: `Bearer ${token}`, ...(purpose ? { 'x-query-purpose': purpose } : {}) }) },
    gatewayA: system.gateway.url,
    gatewayB: second.url,
    enterprises: [[subject], [system.enterprise(1).directory.uscc], [system.enterprise(2).directory.uscc]],
    tokens: { submitter: async () => submitter, objector: () => serviceToken('svc-tax'), subject: { uscc: subject, token: () => userToken('ent-debo') } },
    trials: 150,
    runId: `t${Date.now().toString(36)}`,
  });
  expect(outcome.errors).toEqual([]);
  expect(outcome.examples).toEqual([]);
  expect({ staleA: outcome.staleA, staleB: outcome.staleB, trials: outcome.trials }).toEqual({ staleA: 0, staleB: 0, trials: 150 });
  for (const kind of ['create', 'correct', 'withdraw', 'repair', 'objection', 'statement']) expect(outcome.byKind[kind]).toBeGreaterThan(0);
  // the second gateway answered from memory in between: the trials tested a cache, not its absence
  expect(stats(second).hits + stats(second).operations.hits).toBeGreaterThan(100);
  expect(stats(second).operations.hits).toBeGreaterThan(0);
});

describe('when the versions cannot be read', () => {
  const role = () => `${databaseName(system.dbPrefix, 'adverse')}_cache`;
  async function admin<T>(work: (c: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: process.env['DATABASE_URL'] });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
  afterEach(async () => {
    await admin((c) => c.query(`ALTER ROLE "${role()}" LOGIN`));
  });

  it('answers uncached, in full, and says nothing is wrong', async () => {
    const token = await serviceToken('svc-tax');
    const u = system.enterprise(5).directory.uscc;
    // asked twice: the whole answer is kept, and must not be served while it cannot be checked
    const expected = await system.query(PROFILE, { u }, token);
    await system.query(PROFILE, { u }, token);
    await admin(async (c) => {
      await c.query(`ALTER ROLE "${role()}" NOLOGIN`);
      await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [role()]);
    });
    const before = stats(system.gateway);
    const during = await system.query(PROFILE, { u }, token);
    expect(during).toEqual(expected);
    expect(stats(system.gateway).bypassed).toBeGreaterThan(before.bypassed);
    expect(stats(system.gateway).operations.bypassed).toBeGreaterThan(before.operations.bypassed);
  });
});

describe('versions read on two servers (a leader and the standby the subgraph reads from)', () => {
  it('agree where both have applied every change, and match nothing while a change is on one only', async () => {
    const [leaderDb, standbyDb] = [databaseName(system.dbPrefix, 'adverse'), databaseName(system.dbPrefix, 'reputation')];
    const admin = process.env['DATABASE_URL'] ?? '';
    const pool = (db: string) => new Pool({ connectionString: urlFor(admin, db), max: 1 });
    // the same database twice stands for a standby that has applied everything
    const settled = new PgEntityVersions({ leader: pool(leaderDb), reads: pool(leaderDb) }, leaderDb);
    // two databases whose versions differ stand for a change applied on one server and not yet on the other
    const inFlight = new PgEntityVersions({ leader: pool(leaderDb), reads: pool(standbyDb) }, leaderDb);
    try {
      const u = system.enterprise(0).directory.uscc;
      const once = await settled.read([u]);
      expect(once.get(u)).toMatch(/^\d+$/);
      expect((await settled.read([u])).get(u)).toBe(once.get(u));
      // a version the other server does not have yet
      const standby = new Client({ connectionString: urlFor(admin, standbyDb) });
      await standby.connect();
      await standby.query(`INSERT INTO entity_versions (uscc, version) VALUES ($1, nextval('entity_version_seq') + 1000000) ON CONFLICT (uscc) DO UPDATE SET version = EXCLUDED.version`, [u]);
      await standby.end();
      const [first, second] = [await inFlight.read([u]), await inFlight.read([u])];
      expect(first.get(u)).not.toBe(second.get(u));
      expect(first.get(u)).not.toBe(once.get(u));
    } finally {
      await settled.close();
      await inFlight.close();
    }
  });
});
