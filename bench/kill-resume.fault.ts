// Fault drill, not part of npm test: FerretDB v1 (SQLite) has been seen to deadlock (even ping
// hangs) after a client is killed in the middle of a write, which would stall the whole suite.
// To run it, copy it into test/integration/ (it uses that folder's harness and service set-up).

// Nothing lost, nothing doubled: a subgraph killed in the middle of a submission is restarted,
// the same batch is sent again, and the store holds exactly the accepted records, once each.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { startTestSystem, type TestSystem } from '../test/integration/harness';
import { serviceToken } from '../test/integration/tokens';

let system: TestSystem;
let child: ChildProcess | undefined;

const ROOT = path.resolve(__dirname, '../..');

beforeAll(async () => {
  system = await startTestSystem(100);
});
function kill(proc: ChildProcess | undefined): void {
  if (proc?.pid !== undefined) {
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

afterAll(async () => {
  kill(child);
  await system?.stop();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startAdverse(port: number): Promise<ChildProcess> {
  const proc = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'subgraphs', 'main.ts'), 'adverse'], {
    env: { ...process.env, MONGODB_DB_PREFIX: system.dbPrefix, ADVERSE_PORT: String(port), IDENTITY_SUBGRAPH_URL: system.subgraphs.identity.running.url },
    stdio: 'ignore',
    // its own process group, so a kill reaches the node process tsx starts as well
    detached: true,
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok).catch(() => false);
    if (ok) return proc;
    await new Promise((r) => setTimeout(r, 200));
  }
  proc.kill('SIGKILL');
  throw new Error('adverse subgraph did not start');
}

const MUTATION = 'mutation($b: ID!, $r: [JSON!]!) { submitAdverseRecords(batchId: $b, indicator: "AD01", records: $r) { received accepted rejected acceptedIds } }';

it('stores each accepted record exactly once after a kill, a restart and a re-send', async () => {
  const token = await serviceToken('svc-tax');
  const records = Array.from({ length: 1000 }, (_, n) => ({
    uscc: system.enterprise(n % system.demo.size).directory.uscc,
    decisionNo: `渝税罚〔2026〕KILL-${n}号`,
    decidedOn: '2026-05-01',
    authority: '国家税务总局重庆市税务局',
    violation: '未按期申报',
    penaltyTypes: ['FINE'],
    fineAmount: '200.00',
    severity: 'MINOR',
  }));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const send = () =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: MUTATION, variables: { b: 'tax-kill-1', r: records } }),
    });
  const stored = () => system.subgraphs.adverse.database.db.collection('records').countDocuments({ ind: 'AD01', 'data.decisionNo': { $regex: 'KILL-' } });

  child = await startAdverse(port);
  const inFlight = send().then(
    () => 'answered',
    () => 'connection lost',
  );
  // kill as soon as the first records are written
  while ((await stored()) === 0) await new Promise((r) => setTimeout(r, 25));
  kill(child);
  expect(await inFlight).toBe('connection lost');
  const partial = await stored();
  expect(partial).toBeGreaterThan(0);
  expect(partial).toBeLessThanOrEqual(1000);
  // killed before the submission completed: no report was stored
  expect(await system.subgraphs.adverse.database.db.collection('submission_batches').countDocuments({ _id: 'tax:tax-kill-1' as never })).toBe(0);

  child = await startAdverse(port);
  const res = (await (await send()).json()) as { data: { submitAdverseRecords: { received: number; accepted: number; rejected: number; acceptedIds: string[] } } };
  const report = res.data.submitAdverseRecords;
  expect(report).toMatchObject({ received: 1000, accepted: 1000, rejected: 0 });
  expect(new Set(report.acceptedIds).size).toBe(1000);
  expect(await stored()).toBe(report.accepted);
  const again = (await (await send()).json()) as typeof res;
  expect(again.data.submitAdverseRecords).toEqual(report);
  expect(await stored()).toBe(1000);
});
