// A database outage: with PostgreSQL stopped, queries and submissions fail fast with
// SERVICE_UNAVAILABLE, readiness turns DOWN, and everything recovers by itself when the database
// is back. A batch refused during the outage is stored when re-sent; nothing accepted is lost.
// Skipped when DATABASE_URL or MONGODB_URI points at a server this project did not start.
import { postgresRunning, startPostgres, stopPostgres } from '../../scripts/services/postgres';
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';

const ownDatabase = postgresRunning() && !process.env['MONGODB_URI'];
const describeOwn = ownDatabase ? describe : describe.skip;
if (!ownDatabase) console.warn('database outage tests skipped: the database is a server this project did not start');

const SUBMIT = `mutation($b: ID!, $r: [JSON!]!) { submitAdverseRecords(batchId: $b, indicator: "AD04", records: $r) { batchId received accepted rejected } }`;
const PROFILE = 'query($u: ID!) { enterprise(uscc: $u) { name taxArrears { taxType } } }';

const arrears = (uscc: string, taxType: string) => ({ uscc, announcedOn: '2026-03-01', taxType, arrearsAmount: '100.00' });

async function readiness(url: string): Promise<{ status: number; body: { status: string; checks: Record<string, string> } }> {
  const res = await fetch(url.replace(/\/graphql$/, '/health/ready'));
  return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, string> } };
}

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 500));
  }
}

describeOwn('when the database goes down and comes back', () => {
  let system: TestSystem;
  const port = Number(new URL(process.env['DATABASE_URL'] ?? 'postgresql://127.0.0.1:5432/').port || 5432);

  beforeAll(async () => {
    system = await startTestSystem(10);
  });
  afterAll(async () => {
    await startPostgres(port);
    await system?.stop();
  }, 60_000);

  it('fails fast and clearly, reports unready, recovers by itself and loses no record', async () => {
    const tax = await serviceToken('svc-tax');
    const a = system.enterprise(0).directory.uscc;
    const before = await system.query<{ submitAdverseRecords: { accepted: number } }>(SUBMIT, { b: 'outage-before', r: [arrears(a, '增值税')] }, tax);
    expect(before.data?.submitAdverseRecords.accepted).toBe(1);
    expect((await readiness(system.gateway.url)).status).toBe(200);

    await stopPostgres();

    const started = Date.now();
    const down = await system.query(PROFILE, { u: a }, tax);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(down.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(down.errors)).not.toMatch(/postgres|mongo|ECONNREFUSED|5432|127\.0\.0\.1|stack/i);

    const refused = await system.query(SUBMIT, { b: 'outage-during', r: [arrears(a, '企业所得税'), arrears(a, '印花税')] }, tax);
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
    expect(refused.data?.['submitAdverseRecords'] ?? null).toBeNull();

    const unready = await readiness(system.gateway.url);
    expect(unready.status).toBe(503);
    expect(unready.body.checks).toMatchObject({ identity: 'DOWN', adverse: 'DOWN' });
    const subgraphReady = await fetch(system.subgraphs.adverse.running.url.replace(/\/graphql$/, '/health/ready'));
    expect(subgraphReady.status).toBe(503);
    // alive all the same: a supervisor must not restart processes that wait for their database
    for (const url of [system.gateway.url, system.subgraphs.adverse.running.url]) expect((await fetch(url.replace(/\/graphql$/, '/health/live'))).status).toBe(200);

    await startPostgres(port);

    // No restart of the gateway or subgraphs: the pools reconnect on their own.
    const ready = await eventually(
      () => readiness(system.gateway.url),
      (r) => r.status === 200,
      30_000,
    );
    expect(ready.body.status).toBe('UP');
    const retried = await system.query<{ submitAdverseRecords: { accepted: number; rejected: number } }>(SUBMIT, { b: 'outage-during', r: [arrears(a, '企业所得税'), arrears(a, '印花税')] }, tax);
    expect(retried.data?.submitAdverseRecords).toMatchObject({ accepted: 2, rejected: 0 });
    const profile = await system.query<{ enterprise: { taxArrears: { taxType: string }[] } }>(PROFILE, { u: a }, tax);
    expect(profile.errors).toBeUndefined();
    expect(profile.data?.enterprise.taxArrears.map((r) => r.taxType).sort()).toEqual(['企业所得税', '印花税', '增值税'].sort());
    const stored = (await system.stored('adverse', 'AD04', [a])).filter((r) => r.data['arrearsAmount'] === '100.00');
    expect(stored).toHaveLength(3);
  }, 90_000);
});
