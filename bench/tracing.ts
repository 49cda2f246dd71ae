// What tracing costs: the peer benchmark's load (full profile; 100 profiles) against the system as
// deployed (gateway and four subgraph processes), with tracing off and on (100 % sampled, exported
// over OTLP/HTTP to a receiver in this process), and optionally against a baseline checkout
// without the tracing code (`--baseline <git ref>`), to show what "off" costs.
//   npx tsx bench/tracing.ts [--baseline <ref>] [--size 2000] [--duration 10] [--rounds 3] [--connections 4] [--warmup 3]
// Variants are measured in turn within each round (A B C, B C A, …) so drift and order hit all of them.
// Writes bench/results/tracing-latest.md.
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { demoClientToken } from '../auth/client-token';
import { INDICATORS } from '../schema/catalogue';
import { DEFAULT_SEED, demoUscc } from '../scripts/demo-data/generate';
import { Random } from '../scripts/demo-data/random';
import { seed } from '../scripts/seed';
import { useServices } from '../scripts/services/index';
import { benchmarkCallerLimits, numberArgument, textArgument } from './args';
import { processGroupUsage } from './peers/process-usage';
import { startSystemProcesses, type SystemProcesses } from './processes';
import { ROOT } from '../platform/paths';

benchmarkCallerLimits();

const RESULTS = path.join(ROOT, 'bench', 'results');
const size = numberArgument('size', 2000);
const duration = numberArgument('duration', 10);
const rounds = numberArgument('rounds', 3);
const connections = numberArgument('connections', 4);
const warmup = numberArgument('warmup', 3);
const baseline = textArgument('baseline');
const dbPrefix = `bench${size}`;

const selection = (inds: typeof INDICATORS) => inds.map((i) => `${i.field} { id ${i.attributes.map((a) => a.name).join(' ')} }`).join(' ');
const SCENARIOS = [
  {
    id: 'a',
    name: 'full credit profile, 1 enterprise',
    query: `query Profile($u: ID!) { enterprise(uscc: $u) { uscc name ${selection(INDICATORS)} } }`,
    variables: (r: Random) => ({ u: demoUscc(DEFAULT_SEED, r.int(0, size - 1)) }),
  },
  {
    id: 'b',
    name: '`enterprises`, 100 codes, 5 indicators',
    query: `query Hundred($c: [ID!]!) { enterprises(usccs: $c) { uscc name ${selection(INDICATORS.filter((i) => ['ID01', 'AD01', 'AD04', 'RP03', 'EC01'].includes(i.code)))} } }`,
    variables: (r: Random) => ({ c: Array.from({ length: 100 }, () => demoUscc(DEFAULT_SEED, r.int(0, size - 1))) }),
  },
];

/** An OTLP/HTTP receiver that counts what it is sent and keeps nothing. */
async function otlpSink(): Promise<{ url: string; requests: number; bytes: number; close(): void }> {
  const sink = { url: '', requests: 0, bytes: 0, close: () => undefined as void };
  const server = http.createServer((req, res) => {
    req.on('data', (c: Buffer) => (sink.bytes += c.length));
    req.on('end', () => {
      sink.requests++;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sink.close = () => void server.close();
  return sink;
}

/** A checkout of `ref` beside this one, sharing its node_modules. */
function checkout(ref: string): string {
  const dir = path.join(ROOT, '.local', 'bench', `baseline-${ref.replace(/[^A-Za-z0-9._-]/g, '_')}`);
  if (!existsSync(dir)) {
    mkdirSync(path.dirname(dir), { recursive: true });
    execFileSync('git', ['worktree', 'add', '--detach', dir, ref], { cwd: ROOT, stdio: 'inherit' });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  }
  return dir;
}

interface Variant {
  readonly name: string;
  readonly system: SystemProcesses;
}

async function load(url: string, scenario: (typeof SCENARIOS)[number], seconds: number, tokens: string[], rng: Random): Promise<{ completed: number; errors: number; p50: number }> {
  let next = 0;
  let completed = 0;
  let errors = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    setupClient: (client) => client.setHeaders({ 'content-type': 'application/json', authorization: `Bearer ${tokens[next++ % tokens.length]}`, 'x-query-purpose': 'SUPERVISION' }),
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ query: scenario.query, variables: scenario.variables(rng) }) }),
        onResponse: (status, body) => {
          completed++;
          if (status !== 200 || body.includes('"errors"')) errors++;
        },
      },
    ],
  });
  return { completed, errors: errors + result.errors, p50: result.latency.p50 };
}

const cpuOf = (v: Variant) => v.system.pids.reduce((sum, pid) => sum + processGroupUsage(pid).cpuSeconds, 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const { config, keycloakUrl, databaseLabel } = await useServices();
  await seed(config, { size, seed: DEFAULT_SEED, dbPrefix, force: false });
  const sink = await otlpSink();
  const tracingOn = { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url, OTEL_TRACES_SAMPLER: 'always_on' };
  const variants: Variant[] = [];
  try {
    if (baseline) variants.push({ name: `baseline (${baseline}, no tracing code)`, system: await startSystemProcesses(4300, dbPrefix, process.env, checkout(baseline)) });
    variants.push({ name: 'tracing off', system: await startSystemProcesses(4310, dbPrefix, process.env) });
    variants.push({ name: 'tracing on, 100 % sampled, OTLP export', system: await startSystemProcesses(4320, dbPrefix, { ...process.env, ...tracingOn }) });
    // the SDK and its context manager without a single sampled span: what context propagation costs
    variants.push({ name: 'tracing on, nothing sampled', system: await startSystemProcesses(4330, dbPrefix, { ...process.env, ...tracingOn, OTEL_TRACES_SAMPLER: 'always_off' }) });
    // tokens live minutes: fetched anew for every run, one per connection
    const tokens = () => Promise.all(Array.from({ length: connections }, () => demoClientToken(keycloakUrl, 'svc-tax')));
    const rng = Random.forItem(DEFAULT_SEED, 7);
    for (const v of variants) for (const s of SCENARIOS) await load(v.system.url, s, warmup, await tokens(), rng);

    const runs: { variant: string; scenario: string; rps: number; cpuMsPerOp: number; p50: number; errors: number }[] = [];
    for (let round = 1; round <= rounds; round++)
      for (const s of SCENARIOS)
        // each round starts with another variant, so an order effect does not favour one
        for (const v of [...variants.slice((round - 1) % variants.length), ...variants.slice(0, (round - 1) % variants.length)]) {
          const cpuBefore = cpuOf(v);
          const started = performance.now();
          const perRun = await tokens();
          const r = await load(v.system.url, s, duration, perRun, rng);
          const seconds = (performance.now() - started) / 1000;
          const run = { variant: v.name, scenario: s.id, rps: r.completed / seconds, cpuMsPerOp: ((cpuOf(v) - cpuBefore) * 1000) / r.completed, p50: r.p50, errors: r.errors };
          runs.push(run);
          process.stdout.write(`round ${round} (${s.id}) ${v.name}: ${run.rps.toFixed(1)} req/s, ${run.cpuMsPerOp.toFixed(2)} CPU ms/op, p50 ${run.p50} ms, ${run.errors} errors\n`);
        }

    const reference = variants[0]?.name ?? '';
    const lines = [
      '# Cost of tracing',
      '',
      `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Database: ${databaseLabel}. Data: ${size} enterprises.`,
      `Command: \`npx tsx bench/tracing.ts${baseline ? ` --baseline ${baseline}` : ''} --size ${size} --duration ${duration} --rounds ${rounds} --connections ${connections}\` (${new Date().toISOString()}).`,
      `Each system: gateway and four subgraphs, a process each; ${connections} connections, ${duration} s per run, median of ${rounds} rounds. CPU is the sum over the five processes.`,
      `The OTLP receiver got ${sink.requests} export requests, ${(sink.bytes / 2 ** 20).toFixed(1)} MiB.`,
      '',
      `| scenario | system | req/s | vs ${reference} | CPU ms per request | vs ${reference} | p50 ms | errors |`,
      '|---|---|---|---|---|---|---|---|',
    ];
    for (const s of SCENARIOS) {
      const of = (name: string) => runs.filter((r) => r.scenario === s.id && r.variant === name);
      const refRps = median(of(reference).map((r) => r.rps));
      const refCpu = median(of(reference).map((r) => r.cpuMsPerOp));
      for (const v of variants) {
        const rps = median(of(v.name).map((r) => r.rps));
        const cpu = median(of(v.name).map((r) => r.cpuMsPerOp));
        const pct = (x: number, ref: number) => `${x >= ref ? '+' : ''}${(((x - ref) / ref) * 100).toFixed(1)} %`;
        lines.push(
          `| ${s.id}: ${s.name} | ${v.name} | ${rps.toFixed(1)} | ${pct(rps, refRps)} | ${cpu.toFixed(2)} | ${pct(cpu, refCpu)} | ${median(of(v.name).map((r) => r.p50))} | ${of(v.name).reduce((n, r) => n + r.errors, 0)} |`,
        );
      }
    }
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, 'tracing-latest.md'), `${lines.join('\n')}\n`);
    process.stdout.write(`\n${lines.join('\n')}\n`);
  } finally {
    for (const v of variants) v.system.stop();
    sink.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
