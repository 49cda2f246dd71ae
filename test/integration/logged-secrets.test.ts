// What must never be logged: the tokens callers send, credentials, and the ID numbers of people.
// The test makes its own traffic that carries all three (valid, forged and junk tokens, an
// administrator's reads of ID numbers, submissions with ID numbers that are refused, a report)
// and reads every line its system logged. In a whole run it is sequenced last (sequencer.js) and
// also reads what every other test's system and processes logged.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SEED, generateEnterprise } from '../../scripts/demo-data/generate';
import { DEV_PERSON_HASH_KEY } from '../../schema/person-hash';
import { startTestSystem, type TestSystem } from './harness';
import { LOG_FILE, RUN_DIR_VARIABLE, TOKEN_FILE } from './run-record';
import { serviceToken, userToken } from './tokens';

let system: TestSystem;
const SIZE = 30;

beforeAll(async () => {
  system = await startTestSystem(SIZE);
}, 120_000);
afterAll(() => system?.stop());

const REALM_FILE = path.resolve(__dirname, '../../auth/realm/credit-realm.json');
const RESIDENT_ID = /^\d{17}[\dX]$/;

/** Every `"secret"` in the realm's client definitions, and the demo users' password. */
function demoCredentials(): string[] {
  const realm = readFileSync(REALM_FILE, 'utf8');
  const secrets = [...realm.matchAll(/"secret"\s*:\s*"([^"]+)"/g)].map((m) => m[1] ?? '');
  const databasePassword = decodeURIComponent(new URL(process.env['DATABASE_URL'] ?? 'postgres://x@localhost/x').password);
  return [...secrets, 'demo-password', process.env['KC_BOOTSTRAP_ADMIN_PASSWORD'] ?? 'admin-password-unset', databasePassword].filter((s) => s.length >= 6);
}

/** The ID numbers of the people in a demo data set of `size` enterprises. */
function demoIdNumbers(size: number): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string' && RESIDENT_ID.test(value)) found.add(value);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) visit(v);
  };
  for (let i = 0; i < size; i++) visit(generateEnterprise({ seed: DEFAULT_SEED, size, personHashKey: DEV_PERSON_HASH_KEY }, i).records);
  return found;
}

/** Requests that carry tokens, credentials and ID numbers, in and out of the gateway; answers the tokens sent. */
async function trafficWithSecrets(): Promise<string[]> {
  const base = system.gateway.url.replace(/\/graphql$/, '');
  const admin = await userToken('credit-admin');
  const tax = await serviceToken('svc-tax');
  const officer = await userToken('aic-yuzhong');
  const usccs = Array.from({ length: SIZE }, (_, i) => system.enterprise(i).directory.uscc);
  // the administrator reads every person's full ID number
  const read = await system.query<{ enterprises: unknown[] }>('query($u: [ID!]!) { enterprises(usccs: $u) { uscc legalRepresentative { idNumber } } }', { u: usccs }, admin);
  expect(JSON.stringify(read.data)).toMatch(/\d{17}[\dX]/);
  // ID numbers sent where they do not belong, refused and quarantined
  const idNumber = [...demoIdNumbers(SIZE)][0] ?? '';
  await system.query('mutation($r: [JSON!]!) { submitAdverseRecords(batchId: "secrets-1", indicator: "AD04", records: $r) { accepted } }', { r: [{ uscc: idNumber, taxType: idNumber }] }, tax);
  await system.query('query($q: String!) { searchEnterprises(query: $q, first: 5) { edges { node { uscc } } } }', { q: idNumber }, officer);
  // a token with a forged signature, a junk one, a credential in a header
  const [header, payload] = admin.split('.');
  const forged = `${header ?? ''}.${payload ?? ''}.${'A'.repeat(86)}`;
  for (const authorization of [`Bearer ${forged}`, 'Bearer not.a.token', 'Basic ZGVtbzpkZW1vLXBhc3N3b3Jk'])
    expect((await fetch(system.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: '{"query":"{ __typename }"}' })).status).toBe(401);
  // a report and the audit trail
  await fetch(`${base}/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}`, 'x-query-purpose': 'SUPERVISION' },
    body: JSON.stringify({ uscc: usccs[0] }),
  });
  await fetch(`${base}/audit/events?limit=5`, { headers: { authorization: `Bearer ${await userToken('credit-auditor')}` } });
  await system.gateway.flushAudit();
  return [admin, tax, officer, forged];
}

function runFile(name: string): string {
  const dir = process.env[RUN_DIR_VARIABLE];
  const file = dir ? path.join(dir, name) : '';
  return file && existsSync(file) ? readFileSync(file, 'utf8') : '';
}

it('no token, credential or ID number appears in any log line', async () => {
  const sent = await trafficWithSecrets();
  const own = system.logs.map((l) => JSON.stringify(l));
  // in a whole run: every line every test's system and processes logged, and every token they sent
  const logs = [...own, runFile(LOG_FILE)].join('\n');
  const lines = logs.split('\n').filter((l) => l.startsWith('{'));
  const services = new Set(own.map((l) => (JSON.parse(l) as { service?: string }).service));
  expect([...services]).toEqual(expect.arrayContaining(['gateway', 'identity', 'adverse', 'reputation', 'economic']));
  expect(own.length).toBeGreaterThan(10);

  const tokens = [...sent, ...runFile(TOKEN_FILE).split('\n').filter(Boolean)];
  const leakedTokens = tokens.filter((t) => logs.includes(t) || logs.includes(t.split('.')[2] ?? t));
  expect(leakedTokens).toEqual([]);
  expect(logs).not.toMatch(/Bearer [A-Za-z0-9_-]{10,}/);
  expect(logs).not.toContain('ZGVtbzpkZW1vLXBhc3N3b3Jk');

  expect(demoCredentials().filter((secret) => logs.includes(secret))).toEqual([]);

  const idNumbers = demoIdNumbers(runFile(LOG_FILE) ? 1500 : SIZE);
  expect(idNumbers.size).toBeGreaterThan(10);
  const words = new Set(logs.match(/\d{17}[\dX]/g) ?? []);
  expect([...idNumbers].filter((id) => words.has(id))).toEqual([]);
  expect(lines.length).toBeGreaterThan(0);
}, 120_000);
