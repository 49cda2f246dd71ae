// Nothing lost, nothing doubled: the adverse subgraph is killed in the middle of a bulk NDJSON
// submission, restarted, the same file is sent again, and the store holds exactly the accepted
// records, once each. Gateway and adverse subgraph run as processes of their own here.
import type { ChildProcess } from 'node:child_process';
import { startTestSystem, type TestSystem } from './harness';
import { freePort, killGroup, startGatewayProcess, startService } from './processes';
import { serviceToken } from './tokens';
import { taxPenalty } from '../../scripts/demo-data/tax-penalties';

const RECORDS = 6000;

let system: TestSystem;
const children: ChildProcess[] = [];

beforeAll(async () => {
  system = await startTestSystem(100);
});
afterAll(async () => {
  for (const child of children) killGroup(child);
  await system?.stop();
});

it('stores each accepted record exactly once after a kill mid-file, a restart and a re-send', async () => {
  const token = await serviceToken('svc-tax');
  const file = Array.from({ length: RECORDS }, (_, n) => JSON.stringify(taxPenalty(system.enterprise(n % system.demo.size).directory.uscc, `渝税罚〔2026〕KILL-${n}号`))).join('\n');
  const adversePort = await freePort();
  const startAdverse = async () => {
    const proc = await startService(system, 'adverse', { ADVERSE_PORT: String(adversePort), IDENTITY_SUBGRAPH_URL: system.subgraphs.identity.running.url });
    children.push(proc);
    return proc;
  };
  let adverse = await startAdverse();
  const gateway = await startGatewayProcess(system, {}, { adverse: `http://127.0.0.1:${adversePort}/graphql` });
  children.push(gateway.proc);
  const send = async () => {
    const res = await fetch(gateway.url.replace('/graphql', '/submissions/AD01?batchId=tax-kill-1'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` },
      body: file,
    });
    return { status: res.status, body: (await res.json()) as { accepted?: number; rejected?: number; report?: { accepted: number }; errors?: unknown[] } };
  };
  const usccs = Array.from({ length: system.demo.size }, (_, i) => system.enterprise(i).directory.uscc);
  const kept = () => system.stored('adverse', 'AD01', usccs).then((rs) => rs.filter((r) => String(r.data['decisionNo']).startsWith('渝税罚〔2026〕KILL-')));
  const stored = async () => (await kept()).length;

  const interrupted = send();
  // kill once the first chunk is stored and before the last one is
  while ((await stored()) === 0) await new Promise((r) => setTimeout(r, 20));
  killGroup(adverse);
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
  const distinct = new Set((await kept()).map((r) => r.data['decisionNo']));
  expect(distinct.size).toBe(RECORDS);

  const again = await send();
  expect(again.body).toMatchObject({ accepted: RECORDS, rejected: 0 });
  expect(await stored()).toBe(RECORDS);
}, 120_000);
