// Load for the soak (bench/soak.ts), in a process of its own: requests start at a fixed rate
// whatever the answers' latency (an open model), mixed across what callers do all day.
import { clientCredentialsToken, type ClientToken } from '../auth/client-token';
import { INDICATORS } from '../schema/catalogue';
import { DEFAULT_SEED, demoUscc, generateEnterprise } from '../scripts/demo-data/generate';
import { Random } from '../scripts/demo-data/random';
import { DEV_PERSON_HASH_KEY } from '../schema/person-hash';

export interface LoadSummary {
  sent: number;
  answered: number;
  errors: number;
  firstError?: string;
  recordsAccepted: number;
  kinds: Record<string, { requests: number; errors: number; p50: number; p99: number }>;
}

const gateway = process.env['SOAK_GATEWAY'] ?? 'http://127.0.0.1:4000/graphql';
const rate = Number(process.env['SOAK_RATE'] ?? 5);
const seconds = Number(process.env['SOAK_SECONDS'] ?? 300);
const size = Number(process.env['SOAK_SIZE'] ?? 100);
const keycloak = process.env['KEYCLOAK_URL'] ?? 'http://127.0.0.1:8080';

const rng = new Random(11);
const code = () => demoUscc(DEFAULT_SEED, rng.int(0, size - 1));
const fields = INDICATORS.map((i) => `${i.field} { id ${i.attributes.map((a) => a.name).join(' ')} }`).join(' ');
let submission = 0;
const run = Date.now().toString(36);

interface Kind {
  name: string;
  weight: number;
  client: 'svc-tax' | 'svc-bidding-platform';
  body: () => unknown;
  accepted?: (data: Record<string, unknown>) => number;
}

const KINDS: Kind[] = [
  { name: 'full profile', weight: 5, client: 'svc-tax', body: () => ({ query: `query($u: ID!) { enterprise(uscc: $u) { uscc name ${fields} } }`, variables: { u: code() } }) },
  {
    name: 'name search',
    weight: 2,
    client: 'svc-tax',
    body: () => {
      const name = generateEnterprise({ seed: DEFAULT_SEED, size, personHashKey: DEV_PERSON_HASH_KEY }, rng.int(0, size - 1)).directory.name;
      return { query: 'query($q: String!) { searchEnterprises(query: $q, first: 20) { edges { node { uscc name } } } }', variables: { q: name.slice(2, 5) } };
    },
  },
  {
    name: 'bidder check, 20 bidders',
    weight: 1,
    client: 'svc-bidding-platform',
    body: () => ({ query: 'query($c: [ID!]!) { bidderCheck(usccs: $c) { results { uscc verdict } } }', variables: { c: Array.from({ length: 20 }, code) } }),
  },
  {
    name: 'submission, 20 records',
    weight: 1,
    client: 'svc-tax',
    body: () => {
      const batch = `soak-${run}-${submission++}`;
      const records = Array.from({ length: 20 }, (_, k) => ({ uscc: code(), announcedOn: '2026-03-01', taxType: `SOAK-${batch}-${k}`, arrearsAmount: '100.00' }));
      return { query: 'mutation($b: ID!, $r: [JSON!]!) { submitAdverseRecords(batchId: $b, indicator: "AD04", records: $r) { accepted rejected } }', variables: { b: batch, r: records } };
    },
    accepted: (data) => Number((data['submitAdverseRecords'] as { accepted?: number } | undefined)?.accepted ?? 0),
  },
];

const tokens = new Map<string, ClientToken>();
async function tokenFor(client: string): Promise<string> {
  const known = tokens.get(client);
  // renewed well before expiry, as a real client does
  if (known && known.expiresAtMs - Date.now() > 60_000) return known.accessToken;
  const fresh = await clientCredentialsToken(keycloak, client, `${client}-secret`);
  tokens.set(client, fresh);
  return fresh.accessToken;
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

async function main(): Promise<void> {
  const latencies = new Map<string, number[]>(KINDS.map((k) => [k.name, []]));
  const errors = new Map<string, number>(KINDS.map((k) => [k.name, 0]));
  const summary: LoadSummary = { sent: 0, answered: 0, errors: 0, recordsAccepted: 0, kinds: {} };
  const totalWeight = KINDS.reduce((n, k) => n + k.weight, 0);
  const pick = () => {
    let r = rng.int(0, totalWeight - 1);
    for (const k of KINDS) if ((r -= k.weight) < 0) return k;
    return KINDS[0] as Kind;
  };
  const pending: Promise<void>[] = [];
  const fire = async (kind: Kind) => {
    const started = performance.now();
    try {
      const res = await fetch(gateway, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(kind.client)}`, 'x-query-purpose': kind.client === 'svc-tax' ? 'SUPERVISION' : 'PUBLIC_PROCUREMENT' },
        body: JSON.stringify(kind.body()),
        signal: AbortSignal.timeout(60_000),
      });
      const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      summary.answered++;
      if (!res.ok || body.errors) throw new Error(`${res.status} ${JSON.stringify(body.errors).slice(0, 200)}`);
      if (kind.accepted && body.data) summary.recordsAccepted += kind.accepted(body.data);
      latencies.get(kind.name)?.push(performance.now() - started);
    } catch (err) {
      summary.errors++;
      errors.set(kind.name, (errors.get(kind.name) ?? 0) + 1);
      summary.firstError ??= `${kind.name}: ${err instanceof Error ? err.message : String(err)}`;
    }
  };
  const interval = 1000 / rate;
  const until = Date.now() + seconds * 1000;
  let next = Date.now();
  while (Date.now() < until) {
    const kind = pick();
    summary.sent++;
    pending.push(fire(kind));
    next += interval;
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
  }
  await Promise.all(pending);
  for (const k of KINDS) {
    const xs = latencies.get(k.name) ?? [];
    summary.kinds[k.name] = { requests: xs.length + (errors.get(k.name) ?? 0), errors: errors.get(k.name) ?? 0, p50: percentile(xs, 50), p99: percentile(xs, 99) };
  }
  process.send?.(summary);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
