// Nothing lost, nothing doubled: the adverse subgraph is killed in the middle of a bulk NDJSON
// submission, restarted, the same file is sent again, and the store holds exactly the accepted
// records, once each. Gateway and adverse subgraph run as processes of their own here.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';

const ROOT = path.resolve(__dirname, '../..');
const RECORDS = 6000;

let system: TestSystem;
const children: ChildProcess[] = [];

beforeAll(async () => {
  system = await startTestSystem(100);
});
afterAll(async () => {
  for (const child of children) kill(child);
  await system?.stop();
});

function kill(proc: ChildProcess): void {
  try {
    // its own process group: the kill reaches every process of it
    if (proc.pid !== undefined) process.kill(-proc.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startProcess(script: string, args: string[], env: NodeJS.ProcessEnv, readyUrl: string): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], {
    env: { ...process.env, MONGODB_DB_PREFIX: system.dbPrefix, ...env },
    stdio: 'ignore',
    detached: true,
  });
  children.push(proc);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await fetch(readyUrl).then((r) => r.ok, () => false)) return proc;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${script} did not start`);
}

it('stores each accepted record exactly once after a kill mid-file, a restart and a re-send', async () => {
  const token = await serviceToken('svc-tax');
  const file = Array.from({ length: RECORDS }, (_, n) =>
    JSON.stringify({
      uscc: system.enterprise(n % system.demo.size).directory.uscc,
      decisionNo: `渝税罚〔2026〕KILL-${n}号`,
      decidedOn: '2026-05-01',
      authority: '国家税务总局重庆市税务局',
      violation: '未按期申报',
      penaltyTypes: ['FINE'],
      fineAmount: '200.00',
      severity: 'MINOR',
    }),
  ).join('\n');
  const [adversePort, gatewayPort] = [await freePort(), await freePort()];
  const startAdverse = () =>
    startProcess('subgraphs/main.ts', ['adverse'], { ADVERSE_PORT: String(adversePort), IDENTITY_SUBGRAPH_URL: system.subgraphs.identity.running.url }, `http://127.0.0.1:${adversePort}/health/ready`);
  let adverse = await startAdverse();
  await startProcess(
    'gateway/main.ts',
    [],
    {
      GATEWAY_PORT: String(gatewayPort),
      IDENTITY_SUBGRAPH_URL: system.subgraphs.identity.running.url,
      ADVERSE_SUBGRAPH_URL: `http://127.0.0.1:${adversePort}/graphql`,
      REPUTATION_SUBGRAPH_URL: system.subgraphs.reputation.running.url,
      ECONOMIC_SUBGRAPH_URL: system.subgraphs.economic.running.url,
    },
    `http://127.0.0.1:${gatewayPort}/health/live`,
  );
  const send = async () => {
    const res = await fetch(`http://127.0.0.1:${gatewayPort}/submissions/AD01?batchId=tax-kill-1`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` },
      body: file,
    });
    return { status: res.status, body: (await res.json()) as { accepted?: number; rejected?: number; report?: { accepted: number }; errors?: unknown[] } };
  };
  const records = system.subgraphs.adverse.database.db.collection('records');
  const stored = () => records.countDocuments({ ind: 'AD01', 'data.decisionNo': { $regex: '^渝税罚〔2026〕KILL-' } });

  const interrupted = send();
  // kill once the first chunk is stored and before the last one is
  while ((await stored()) === 0) await new Promise((r) => setTimeout(r, 20));
  kill(adverse);
  const partial = await stored();
  const cut = await interrupted;
  expect(cut.status).toBeGreaterThanOrEqual(500);
  expect(cut.body.errors?.length).toBeGreaterThan(0);
  expect(cut.body.report?.accepted ?? 0).toBeLessThan(RECORDS);
  expect(partial).toBeLessThan(RECORDS);

  adverse = await startAdverse();
  const resent = await send();
  expect(resent.status).toBe(200);
  expect(resent.body).toMatchObject({ accepted: RECORDS, rejected: 0 });
  expect(await stored()).toBe(RECORDS);
  const distinct = await records.distinct('data.decisionNo', { ind: 'AD01', 'data.decisionNo': { $regex: '^渝税罚〔2026〕KILL-' } });
  expect(distinct).toHaveLength(RECORDS);

  const again = await send();
  expect(again.body).toMatchObject({ accepted: RECORDS, rejected: 0 });
  expect(await stored()).toBe(RECORDS);
}, 120_000);
