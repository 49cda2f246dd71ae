// Runs last (sequencer.js): reads every log line the gateway and subgraphs wrote during the whole
// run, in this process and in the processes tests started, and looks for what must never be
// logged: the tokens callers sent, the demo credentials and the ID numbers of the demo people.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SEED, generateEnterprise } from '../../scripts/demo-data/generate';
import { DEV_PERSON_HASH_KEY } from '../../subgraphs/common/person-hash';
import { LOG_FILE, RUN_DIR_VARIABLE, TOKEN_FILE } from './run-record';

const REALM_FILE = path.resolve(__dirname, '../../auth/realm/credit-realm.json');
const RESIDENT_ID = /^\d{17}[\dX]$/;

function runFile(name: string): string {
  const file = path.join(process.env[RUN_DIR_VARIABLE] ?? '', name);
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Every `"secret"` in the realm's client definitions, and the demo users' password. */
function demoCredentials(): string[] {
  const realm = readFileSync(REALM_FILE, 'utf8');
  const secrets = [...realm.matchAll(/"secret"\s*:\s*"([^"]+)"/g)].map((m) => m[1] ?? '');
  const databasePassword = decodeURIComponent(new URL(process.env['DATABASE_URL'] ?? 'postgres://x@localhost/x').password);
  return [...secrets, 'demo-password', process.env['KC_BOOTSTRAP_ADMIN_PASSWORD'] ?? 'admin-password-unset', databasePassword].filter((s) => s.length >= 6);
}

/** The ID numbers of the people in the demo data sets the tests load (at most 1,500 enterprises). */
function demoIdNumbers(): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string' && RESIDENT_ID.test(value)) found.add(value);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) visit(v);
  };
  for (let i = 0; i < 1500; i++) visit(generateEnterprise({ seed: DEFAULT_SEED, size: 1500, personHashKey: DEV_PERSON_HASH_KEY }, i).records);
  return found;
}

it('no token, credential or ID number appears in any log line of the whole run', () => {
  const logs = runFile(LOG_FILE);
  const lines = logs.split('\n').filter((l) => l.startsWith('{'));
  // the run logged requests in the gateway and in the subgraphs, in and out of this process
  const services = new Set(lines.map((l) => (JSON.parse(l) as { service?: string }).service));
  expect([...services]).toEqual(expect.arrayContaining(['gateway', 'identity', 'adverse', 'reputation', 'economic']));
  expect(lines.length).toBeGreaterThan(500);

  const tokens = runFile(TOKEN_FILE).split('\n').filter(Boolean);
  expect(tokens.length).toBeGreaterThan(20);
  const leakedTokens = tokens.filter((t) => logs.includes(t) || logs.includes(t.split('.')[2] ?? t));
  expect(leakedTokens).toEqual([]);
  expect(logs).not.toMatch(/Bearer [A-Za-z0-9_-]{10,}/);

  expect(demoCredentials().filter((secret) => logs.includes(secret))).toEqual([]);

  const idNumbers = demoIdNumbers();
  expect(idNumbers.size).toBeGreaterThan(100);
  const words = new Set(logs.match(/\d{17}[\dX]/g) ?? []);
  expect([...idNumbers].filter((id) => words.has(id))).toEqual([]);
});
