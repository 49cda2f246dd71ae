// A replaced signing key: reports it signed still verify once its published form is configured as
// retired (REPORT_RETIRED_KEYS_FILE), read by the gateway process from its environment as in
// production; without it they are refused.
import { generateKeyPairSync } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { killGroup, startGatewayProcess } from './processes';
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';

let system: TestSystem;
const children: ChildProcess[] = [];
const dir = mkdtempSync(path.join(tmpdir(), 'credit-keys-'));

beforeAll(async () => {
  system = await startTestSystem(5);
}, 120_000);
afterAll(async () => {
  for (const child of children) killGroup(child);
  await system?.stop();
});

function keyFile(name: string): string {
  const file = path.join(dir, `${name}.pem`);
  writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return file;
}

async function gatewayWith(env: NodeJS.ProcessEnv): Promise<string> {
  const started = await startGatewayProcess(system, env);
  children.push(started.proc);
  return started.url.replace(/\/graphql$/, '');
}

async function verify(base: string, number: string, sha256: string, attestation: unknown): Promise<{ genuine?: boolean; reason?: string }> {
  const res = await fetch(`${base}/reports/verify?number=${encodeURIComponent(number)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sha256, attestation }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { genuine?: boolean; reason?: string };
}

it('verifies a report signed before a key rotation, once the old key is configured as retired', async () => {
  const first = await gatewayWith({ REPORT_SIGNING_KEY_FILE: keyFile('first') });
  const tax = await serviceToken('svc-tax');
  const res = await fetch(`${first}/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tax}`, 'x-query-purpose': 'SUPERVISION' },
    body: JSON.stringify({ uscc: system.enterprise(0).directory.uscc }),
  });
  expect(res.status).toBe(201);
  const issued = (await res.json()) as { number: string; sha256: string; attestation: { kid: string } };
  // what GET /reports/keys published before the rotation is what an operator keeps
  const published = await (await fetch(`${first}/reports/keys`)).text();
  const retiredFile = path.join(dir, 'retired.json');
  writeFileSync(retiredFile, published);

  const second = keyFile('second');
  const withoutRetired = await gatewayWith({ REPORT_SIGNING_KEY_FILE: second });
  expect((await verify(withoutRetired, issued.number, issued.sha256, issued.attestation)).genuine).toBe(false);

  const rotated = await gatewayWith({ REPORT_SIGNING_KEY_FILE: second, REPORT_RETIRED_KEYS_FILE: retiredFile });
  expect(await verify(rotated, issued.number, issued.sha256, issued.attestation)).toMatchObject({ genuine: true });
  const keys = (await (await fetch(`${rotated}/reports/keys`)).json()) as { keys: { kid: string }[] };
  expect(keys.keys.map((k) => k.kid)).toContain(issued.attestation.kid);
  expect(keys.keys).toHaveLength(2);
}, 180_000);
