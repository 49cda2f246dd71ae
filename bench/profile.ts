// Query-surface benchmark: the full profile of one enterprise (all 39 indicators), `enterprises`
// with 100 codes, bidder checks and name-substring search, through the gateway with a member agency's token.
// Latency and throughput are measured against the system as deployed (each subgraph and the
// gateway a process of its own, ports 4200–4204); database statements per request are counted on
// the same code run in one process, where the storage adapter counts them.
//   npm run bench:profile -- --size 2000 [--requests 40] [--concurrency 4]
// DATABASE_PREFIX names an existing data set (e.g. `credit` after `npm run seed -- --size 1000000`).
// Also bidderCheck with 1,000 and with 20 bidders, and creditCheck (tendering) with 1,000 and 20 enterprises.
import { refreshingClientToken } from '../auth/client-token';
import { benchmarkCallerLimits, numberArgument } from './args';
import { arch, cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { INDICATORS } from '../schema/catalogue';
import { DEFAULT_SEED, demoUscc, generateEnterprise } from '../scripts/demo-data/generate';
import { systemConfigFromEnv } from '../launcher/config';
import { startInProcessSystem } from '../launcher/in-process';
import { startSystemProcesses } from './processes';
import { seed } from '../scripts/seed';
import { useServices } from '../scripts/services/index';
import { personHashKeyFromEnv } from '../schema/person-hash';
import { SUBGRAPHS } from '../subgraphs/index';
import { Random } from '../scripts/demo-data/random';

benchmarkCallerLimits();

const size = numberArgument('size', 2000);
const requests = numberArgument('requests', 40);
const concurrency = numberArgument('concurrency', 4);
const dbPrefix = process.env['DATABASE_PREFIX'] ?? `bench${size}`;

const ALL_FIELDS = INDICATORS.map((ind) => `${ind.field} { id ${ind.attributes.map((a) => a.name).join(' ')} }`).join(' ');
const PROFILE = `query($u: ID!) { enterprise(uscc: $u) { uscc name ${ALL_FIELDS} } }`;
const HUNDRED = `query($c: [ID!]!) { enterprises(usccs: $c) { uscc name ${ALL_FIELDS} } }`;
const SEARCH = 'query($q: String!) { searchEnterprises(query: $q, first: 20) { edges { node { uscc name } } } }';
const CHECK = 'query($c: [ID!]!) { bidderCheck(usccs: $c) { ruleSetVersion results { uscc verdict hits { rule recordId summary } } } }';
const CREDIT_CHECK =
  'query($s: CreditScenarioCode!, $c: [ID!]!) { creditCheck(scenario: $s, usccs: $c) { id ruleSetVersion results { uscc verdict measures { code effect evidence { recordId summary } } } relatedParties { kind usccs } } }';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const { config, keycloakUrl, databaseLabel } = await useServices();
  const options = { seed: DEFAULT_SEED, size, personHashKey: personHashKeyFromEnv(process.env) };
  await seed(config, { size, seed: DEFAULT_SEED, dbPrefix, force: false });

  const system = await startInProcessSystem(systemConfigFromEnv({ ...process.env, DATABASE_PREFIX: dbPrefix }));
  const deployed = await startSystemProcesses(4200, dbPrefix);
  // tokens last minutes; a slow database can make a run last longer
  const token = refreshingClientToken(keycloakUrl, 'svc-tax');
  const counters = SUBGRAPHS.map((s) => system.subgraphs[s.name].storage.statements);
  const rng = new Random(42);

  const scenarios: { name: string; body: () => unknown }[] = [
    { name: 'full profile, 1 enterprise (39 indicators)', body: () => ({ query: PROFILE, variables: { u: demoUscc(DEFAULT_SEED, rng.int(0, size - 1)) } }) },
    { name: 'enterprises, 100 codes (39 indicators)', body: () => ({ query: HUNDRED, variables: { c: Array.from({ length: 100 }, () => demoUscc(DEFAULT_SEED, rng.int(0, size - 1))) } }) },
    { name: 'bidderCheck, 1,000 bidders', body: () => ({ query: CHECK, variables: { c: Array.from({ length: 1000 }, () => demoUscc(DEFAULT_SEED, rng.int(0, size - 1))) } }) },
    { name: 'bidderCheck, 20 bidders', body: () => ({ query: CHECK, variables: { c: Array.from({ length: 20 }, () => demoUscc(DEFAULT_SEED, rng.int(0, size - 1))) } }) },
    {
      name: 'creditCheck TENDERING, 1,000 enterprises (kept as answered)',
      body: () => ({ query: CREDIT_CHECK, variables: { s: 'TENDERING', c: Array.from({ length: 1000 }, () => demoUscc(DEFAULT_SEED, rng.int(0, size - 1))) } }),
    },
    {
      name: 'creditCheck TENDERING, 20 enterprises',
      body: () => ({ query: CREDIT_CHECK, variables: { s: 'TENDERING', c: Array.from({ length: 20 }, () => demoUscc(DEFAULT_SEED, rng.int(0, size - 1))) } }),
    },
    {
      name: 'searchEnterprises, name substring (2 to 4 characters)',
      body: () => {
        // 2 to 4 characters from inside a real name, past the city prefix every name shares
        const name = generateEnterprise(options, rng.int(0, size - 1)).directory.name;
        const length = rng.int(2, 4);
        const at = rng.int(2, name.length - length);
        return { query: SEARCH, variables: { q: name.slice(at, at + length) } };
      },
    },
  ];

  const send = async (body: unknown, url = deployed.url): Promise<number> => {
    const started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}`, 'x-query-purpose': 'SUPERVISION' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { errors?: unknown[] };
    if (!res.ok || json.errors) throw new Error(`request failed: ${res.status} ${JSON.stringify(json.errors).slice(0, 300)}`);
    return performance.now() - started;
  };

  const rows: string[] = [];
  const raw: Record<string, unknown> = {};
  const COUNTED = Math.min(10, requests);
  for (const s of scenarios) {
    // statements per request, counted in the in-process copy
    await send(s.body(), system.gateway.url);
    for (const c of counters) c.reset();
    for (let i = 0; i < COUNTED; i++) await send(s.body(), system.gateway.url);
    const commands = counters.reduce((n, c) => n + c.count, 0) / COUNTED;
    for (let i = 0; i < 3; i++) await send(s.body());
    const latencies: number[] = [];
    for (let i = 0; i < requests; i++) latencies.push(await send(s.body()));
    latencies.sort((a, b) => a - b);
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < requests) await send(s.body());
      }),
    );
    const rps = requests / ((performance.now() - started) / 1000);
    raw[s.name] = { latencies, commands, rps };
    rows.push(`| ${s.name} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 99).toFixed(1)} | ${rps.toFixed(1)} | ${commands.toFixed(1)} |`);
    process.stdout.write(`${rows[rows.length - 1]}\n`);
  }
  deployed.stop();
  await system.stop();

  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${arch()}, Node ${process.version}`;
  const table = [
    `Data set: ${size} enterprises (seed ${DEFAULT_SEED}), database: ${databaseLabel}; gateway and subgraphs as separate processes; ${requests} sequential requests per scenario for latency, then ${requests} at concurrency ${concurrency} for throughput; statements counted over ${COUNTED} requests.`,
    `Machine: ${machine}. Command: \`${process.env['DATABASE_PREFIX'] ? `DATABASE_PREFIX=${dbPrefix} ` : ''}npm run bench:profile -- --size ${size} --requests ${requests} --concurrency ${concurrency}\``,
    '',
    '| scenario | p50 ms | p99 ms | req/s | DB statements / request |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(path.join(__dirname, 'results', `profile-${size}-${stamp}.md`), `${table}\n`);
  writeFileSync(path.join(__dirname, 'results', `profile-${size}-${stamp}.raw.json`), JSON.stringify(raw));
  process.stdout.write(`\n${table}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
