// The cost of the cluster's parts on one request: the full 39-indicator profile through one gateway
// directly, and through HAProxy over both gateways, at concurrency 1 (latency) and 4 (throughput);
// and the round trip of the shared rate-limit count in Redis, the one Redis call every signed-in
// request makes; and the cost of a commit that waits for the standby to apply it (reads from the
// standby see every acknowledged write). Needs the cluster (it starts it if not running).
//   npm run bench:cluster [-- --duration 20]
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import type { Options } from 'express-rate-limit';
import { Client } from 'pg';
import { budgetStore } from '../gateway/shared-limits';
import { ROOT } from '../platform/paths';
import { connectRedis } from '../platform/redis';
import { INDICATORS } from '../schema/catalogue';
import { clusterServicesEnv, readTopology } from '../scripts/cluster/topology';
import { demoClientToken } from '../auth/client-token';
import { DEFAULT_SEED, demoUscc } from '../scripts/demo-data/generate';
import { numberArgument } from './args';

const seconds = numberArgument('duration', 20);
const topology = readTopology();
const ALL_FIELDS = INDICATORS.map((ind) => `${ind.field} { id ${ind.attributes.map((a) => a.name).join(' ')} }`).join(' ');
const PROFILE = `query($u: ID!) { enterprise(uscc: $u) { uscc name ${ALL_FIELDS} } }`;
// four reading agencies, each with its own per-minute budget
const CLIENTS = ['svc-tax', 'svc-court', 'svc-aic-city', 'svc-aic-yuzhong'];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'cluster', 'main.ts'), ...args], { stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cluster ${args.join(' ')} exited with ${code}`))));
  });
}

async function load(url: string, concurrency: number, tokens: string[]): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const i = n++;
        const started = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length] ?? ''}`, 'x-query-purpose': 'SUPERVISION' },
          body: JSON.stringify({ query: PROFILE, variables: { u: demoUscc(DEFAULT_SEED, (i * 7919) % 2000) } }),
        });
        const body = (await res.json()) as { errors?: unknown[] };
        if (res.status === 200 && !body.errors) latencies.push(performance.now() - started);
        else errors++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

async function redisRoundTrip(url: string): Promise<{ p50: number; p99: number }> {
  const redis = await connectRedis(url);
  const store = budgetStore({ redis, prefix: 'bench:' }, 'bench', 'refuse');
  if (!store) throw new Error('no store');
  await store.init?.({ windowMs: 60_000 } as Options);
  const times: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const started = performance.now();
    await store.increment(`k${i % 50}`);
    times.push(performance.now() - started);
  }
  redis.disconnect();
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** One-row commits on the leader through HAProxy, as the standby flushes (`on`) and as it applies (`remote_apply`) them. */
async function commitCost(adminUrl: string): Promise<Record<'on' | 'remote_apply', { p50: number; p99: number }>> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  await client.query('CREATE TABLE IF NOT EXISTS bench_commits (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())');
  const out = {} as Record<'on' | 'remote_apply', { p50: number; p99: number }>;
  for (const mode of ['on', 'remote_apply'] as const) {
    await client.query(`SET synchronous_commit = ${mode}`);
    const times: number[] = [];
    for (let i = 0; i < 1_000; i++) {
      const started = performance.now();
      await client.query('INSERT INTO bench_commits DEFAULT VALUES');
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    out[mode] = { p50: percentile(times, 50), p99: percentile(times, 99) };
  }
  await client.query('DROP TABLE bench_commits');
  await client.end();
  return out;
}

async function main(): Promise<void> {
  await run(['up', '--seed']);
  const env = clusterServicesEnv();
  const tokens = await Promise.all(CLIENTS.map((c) => demoClientToken(env['KEYCLOAK_URL'] ?? '', c)));
  const direct = `http://127.0.0.1:${topology.gateways[0]}/graphql`;
  const balanced = `http://${topology.haproxy.host}:${topology.haproxy.gatewayPort}/graphql`;
  await load(balanced, 2, tokens); // warm both gateways
  const rows: string[] = [];
  for (const concurrency of [1, 4]) {
    for (const [name, url] of [
      ['one gateway, directly', direct],
      ['two gateways behind HAProxy', balanced],
    ] as const) {
      const r = await load(url, concurrency, tokens);
      rows.push(`| ${name} | ${concurrency} | ${r.rps.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} |`);
      process.stdout.write(`${rows[rows.length - 1]}\n`);
    }
  }
  const redis = await redisRoundTrip(env['REDIS_URL'] ?? '');
  const commits = await commitCost(env['DATABASE_URL'] ?? '');
  const text = `# Cluster: one gateway against two behind HAProxy, ${new Date().toISOString()}

Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, the whole cluster on it. \`npm run bench:cluster -- --duration ${seconds}\`: the full profile (39 indicators) of one of 2,000 enterprises, ${seconds} s per row, member tokens of four agencies in turn.

| path | concurrency | req/s | p50 ms | p99 ms | errors |
|---|---|---|---|---|---|
${rows.join('\n')}

The shared per-minute count in Redis (rate-limit-redis, as each signed-in request makes it), 2,000 times: p50 ${redis.p50.toFixed(2)} ms, p99 ${redis.p99.toFixed(2)} ms.

A one-row commit on the leader, 1,000 times, while the synchronous standby only flushes it (\`synchronous_commit = on\`): p50 ${commits.on.p50.toFixed(2)} ms, p99 ${commits.on.p99.toFixed(2)} ms; while it must also apply it (\`remote_apply\`, what the subgraphs use once their reads go to the standby): p50 ${commits.remote_apply.p50.toFixed(2)} ms, p99 ${commits.remote_apply.p99.toFixed(2)} ms.
`;
  const file = path.join(ROOT, 'bench', 'results', `cluster-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
  writeFileSync(file, text);
  process.stdout.write(`${text}\nwritten to ${file}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
