// Peer benchmark: our gateway against a stock Apollo Gateway and Hive Gateway (its default
// runtime and its Rust query planner), all in front of the same subgraphs, database and tokens.
//   npm run bench -- [--size 20] [--duration 10] [--rounds 3] [--connections 4] [--warmup 3]
// Load comes from autocannon in this process; every gateway runs in a process of its own, and
// the subgraphs in one more (bench/peers/subgraph-host.ts). Systems are measured in turn within
// each round (A B C D, A B C D …) so drift hits all of them. Writes bench/results/compare-latest.md
// and compare-latest.json, and takes a CPU profile of our gateway under scenario (a).
import { demoClientToken } from '../auth/client-token';
import { benchmarkCallerLimits, numberArgument } from './args';
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, openSync } from 'node:fs';
import { arch, cpus, totalmem } from 'node:os';
import path from 'node:path';
import { INDICATORS } from '../schema/catalogue';
import { DEFAULT_SEED, demoUscc } from '../scripts/demo-data/generate';
import { Random } from '../scripts/demo-data/random';
import { zipfSampler } from './zipf';
import { seed } from '../scripts/seed';
import { useServices } from '../scripts/services/index';
import { requireFreePort, signalGroup, waitUntil } from '../launcher/process-control';
import { summariseCpuProfile, type CpuProfile } from './peers/cpu-profile';
import { processGroupUsage } from './peers/process-usage';
import { STATS_PORT } from './peers/subgraph-host';
import { supergraphWithoutBidderCheck } from './peers/supergraph-without-bidder-check';
import { planDirect, type PlanDirect } from './peers/plan-direct';
import { ROOT } from '../platform/paths';

benchmarkCallerLimits();

const WORK = path.join(ROOT, '.local', 'bench');
const RESULTS = path.join(ROOT, 'bench', 'results');

const size = numberArgument('size', 20);
const duration = numberArgument('duration', 10);
const rounds = numberArgument('rounds', 3);
const connections = numberArgument('connections', 4);
const warmup = numberArgument('warmup', 3);
const dbPrefix = `bench${size}`;
const command = `npm run bench -- --size ${size} --duration ${duration} --rounds ${rounds} --connections ${connections} --warmup ${warmup}`;

// ---- what is asked ----------------------------------------------------------------------------
const selection = (inds: typeof INDICATORS) => inds.map((i) => `${i.field} { id ${i.attributes.map((a) => a.name).join(' ')} }`).join(' ');
const PROFILE = `query Profile($u: ID!) { enterprise(uscc: $u) { uscc name ${selection(INDICATORS)} } }`;
const FEW = INDICATORS.filter((i) => ['ID01', 'AD01', 'AD04', 'RP03', 'EC01'].includes(i.code));
const HUNDRED = `query Hundred($c: [ID!]!) { enterprises(usccs: $c) { uscc name ${selection(FEW)} } }`;
const CHECK = 'query Check($c: [ID!]!) { bidderCheck(usccs: $c) { ruleSetVersion results { uscc verdict hits { rule recordId summary } } } }';
const IDENTITY = `query IdentityPart($u: ID!) { enterprise(uscc: $u) { uscc name ${selection(INDICATORS.filter((i) => i.category === 'IDENTITY'))} } }`;

interface Scenario {
  readonly id: string;
  readonly name: string;
  readonly query: string;
  readonly variables: (rng: Random) => Record<string, unknown>;
  /** Which supergraph the systems need: the bidder check is only in the full one. */
  readonly supergraph: 'common' | 'full';
  /** Also measured straight against the identity subgraph (the floor). */
  readonly direct?: boolean;
  /** Also measured as its query plan's subgraph requests sent with no gateway (the floor under any gateway). */
  readonly planFloor?: boolean;
}

const code = (rng: Random) => demoUscc(DEFAULT_SEED, rng.int(0, size - 1));
// the popular few asked for often: one sampler per generator, over the first 100,000 enterprises
const ZIPF_S = 1.1;
const ZIPF_OVER = 100_000;
const zipfSamplers = new WeakMap<Random, () => number>();
function zipfRank(rng: Random): number {
  let draw = zipfSamplers.get(rng);
  if (!draw) zipfSamplers.set(rng, (draw = zipfSampler(Math.min(size, ZIPF_OVER), ZIPF_S, rng)));
  return draw();
}
const SCENARIOS: Scenario[] = [
  { id: 'a', name: 'full credit profile, 1 enterprise, 39 indicators', query: PROFILE, variables: (r) => ({ u: code(r) }), supergraph: 'common', planFloor: true },
  { id: 'b', name: '`enterprises`, 100 codes, 5 indicators', query: HUNDRED, variables: (r) => ({ c: Array.from({ length: 100 }, () => code(r)) }), supergraph: 'common' },
  { id: 'c', name: '`bidderCheck`, 20 bidders', query: CHECK, variables: (r) => ({ c: Array.from({ length: 20 }, () => code(r)) }), supergraph: 'full' },
  { id: 'd', name: 'identity part of the profile (the floor: identity subgraph direct)', query: IDENTITY, variables: (r) => ({ u: code(r) }), supergraph: 'common', direct: true },
  {
    id: 'e',
    name: `full credit profile, enterprises drawn by Zipf (s = ${ZIPF_S}) over ${Math.min(size, ZIPF_OVER).toLocaleString('en')}`,
    query: PROFILE,
    variables: (r) => ({ u: demoUscc(DEFAULT_SEED, zipfRank(r) - 1) }),
    supergraph: 'common',
  },
];

// ---- systems under test -----------------------------------------------------------------------
interface System {
  readonly name: string;
  readonly port: number;
  readonly supergraph: 'common' | 'full' | 'none' | 'plan';
  readonly start?: (supergraphFile: string) => ChildProcess;
  process?: ChildProcess;
}

const tsx = (script: string, args: string[], env: NodeJS.ProcessEnv, log: string, nodeArgs: string[] = []) =>
  spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', openSync(path.join(WORK, `${log}.log`), 'w'), openSync(path.join(WORK, `${log}.err.log`), 'w')],
    detached: true,
  });

const HIVE_BIN = path.join(ROOT, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');
const hive = (port: number, extra: string[], log: string) => (file: string) =>
  tsx(path.relative(ROOT, HIVE_BIN), ['supergraph', file, '-c', path.join(ROOT, 'bench', 'peers', 'hive-gateway.config.ts'), '--port', String(port), '--host', '127.0.0.1', ...extra], {}, log);

const ours =
  (port: number, log: string, nodeArgs: string[] = []) =>
  (file: string) =>
    tsx('launcher/main.ts', ['gateway'], { GATEWAY_PORT: String(port), GATEWAY_METRICS_PORT: String(port + METRICS_OFFSET), SUPERGRAPH_PATH: file, DATABASE_PREFIX: dbPrefix }, log, nodeArgs);

/** Our gateway serves its metrics (the entity cache's lookups and memory) this far above its port. */
const METRICS_OFFSET = 1000;

/** The entity cache's lookups by outcome and its memory, from our gateway's metrics; null for the others. */
async function cacheFigures(system: System): Promise<{ hits: number; lookups: number; wholeHits: number; bytes: number } | null> {
  if (system.name !== 'ours') return null;
  const text = await (await fetch(`http://127.0.0.1:${system.port + METRICS_OFFSET}/metrics`)).text();
  const sum = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((n, m) => n + Number(m[1]), 0);
  return {
    hits: sum(/^credit_entity_cache_lookups_total\{[^}]*outcome="hits"[^}]*\} (\S+)$/gm),
    lookups: sum(/^credit_entity_cache_lookups_total\{[^}]*\} (\S+)$/gm),
    wholeHits: sum(/^credit_operation_cache_lookups_total\{[^}]*outcome="hits"[^}]*\} (\S+)$/gm),
    bytes: sum(/^credit_entity_cache_bytes (\S+)$/gm),
  };
}

/** No gateway: the load generator sends the query plan's subgraph requests itself (bench/peers/plan-direct.ts). */
const PLAN_FLOOR = "no gateway: the plan's subgraph requests";

const SYSTEMS: System[] = [
  { name: 'ours', port: 4100, supergraph: 'common', start: ours(4100, 'ours') },
  { name: 'apollo-stock', port: 4101, supergraph: 'common', start: (file) => tsx('bench/peers/apollo-stock.ts', [file, '4101'], {}, 'apollo-stock') },
  { name: 'hive', port: 4102, supergraph: 'common', start: hive(4102, [], 'hive') },
  { name: 'hive-rust-planner', port: 4103, supergraph: 'common', start: hive(4103, ['--hive-router-runtime'], 'hive-rust') },
  { name: 'ours', port: 4104, supergraph: 'full', start: ours(4104, 'ours-full') },
  { name: 'apollo-stock', port: 4105, supergraph: 'full', start: (file) => tsx('bench/peers/apollo-stock.ts', [file, '4105'], {}, 'apollo-stock-full') },
  { name: 'identity subgraph direct', port: 4001, supergraph: 'none' },
  { name: PLAN_FLOOR, port: 0, supergraph: 'plan' },
];

function systemsFor(s: Scenario): System[] {
  return SYSTEMS.filter((sys) => (sys.supergraph === 'none' ? s.direct === true : sys.supergraph === 'plan' ? s.planFloor === true : sys.supergraph === s.supergraph));
}

// ---- plumbing ---------------------------------------------------------------------------------
/** Until `url` answers a GraphQL request (or a minute has passed). */
function waitForGraphQL(url: string, what: string): Promise<void> {
  const probe = async () => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })).ok;
  return waitUntil(`${what} (logs in ${WORK})`, probe, 60_000);
}

function stopGroup(proc: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (proc?.pid !== undefined) signalGroup(proc.pid, signal);
}

async function tokens(keycloakUrl: string, n: number): Promise<string[]> {
  // one token per virtual user: no gateway can serve them all from one cached validation
  return Promise.all(Array.from({ length: n }, () => demoClientToken(keycloakUrl, 'svc-tax')));
}

const subgraphStats = async (method: 'GET' | 'POST') => (await (await fetch(`http://127.0.0.1:${STATS_PORT}/stats`, { method })).json()) as { requests: number; commands: number };

interface Run {
  system: string;
  port: number;
  scenario: string;
  round: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  cpuPercent: number;
  /** All processes on the machine, in % of one core (n cores: up to n × 100). */
  machineCpuPercent: number;
  peakRssMiB: number;
  subgraphRequestsPerOp: number;
  dbCommandsPerOp: number;
  /** Our entity cache: share of lookups answered from memory in this run, and what it held at its end. */
  cacheHitRate: number;
  /** Requests answered whole from memory (cache/operation-cache.ts), of all requests in the run. */
  wholeHitRate: number;
  cacheMiB: number;
}

interface Load {
  readonly completed: number;
  readonly errors: number;
  readonly p50: number;
  readonly p99: number;
}

async function load(system: System, scenario: Scenario, seconds: number, keycloakUrl: string, rng: Random): Promise<Load> {
  const perUser = await tokens(keycloakUrl, connections);
  if (system.supergraph === 'plan') return loadPlan(scenario, seconds, perUser, rng);
  let next = 0;
  let errors = 0;
  let completed = 0;
  let firstError: string | undefined;
  const result = await autocannon({
    url: `http://127.0.0.1:${system.port}/graphql`,
    method: 'POST',
    connections,
    duration: seconds,
    setupClient: (client) => {
      client.setHeaders({ 'content-type': 'application/json', authorization: `Bearer ${perUser[next++ % perUser.length]}`, 'x-query-purpose': 'SUPERVISION' });
    },
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ query: scenario.query, variables: scenario.variables(rng) }) }),
        onResponse: (status, body) => {
          completed++;
          if (status !== 200 || body.includes('"errors"')) {
            errors++;
            firstError ??= `${status} ${body.slice(0, 300)}`;
          }
        },
      },
    ],
  });
  if (firstError) process.stdout.write(`  ${system.name} (${scenario.id}): ${errors} failed responses, the first: ${firstError}\n`);
  return { completed, errors: errors + result.errors, p50: result.latency.p50, p99: result.latency.p99 };
}

const plans = new Map<string, PlanDirect>();

/** The floor: as many loops as connections, each sending one operation's subgraph requests as its plan orders them, then the next. */
async function loadPlan(scenario: Scenario, seconds: number, perUser: readonly string[], rng: Random): Promise<Load> {
  let plan = plans.get(scenario.id);
  if (!plan) plans.set(scenario.id, (plan = planDirect(supergraphWithoutBidderCheck(), scenario.query)));
  const runPlan = plan;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    perUser.map(async (token) => {
      while (performance.now() < end) {
        const started = performance.now();
        try {
          await runPlan.run(scenario.variables(rng), { authorization: `Bearer ${token}`, 'x-query-purpose': 'SUPERVISION' });
          latencies.push(performance.now() - started);
        } catch (err) {
          errors++;
          firstError ??= err instanceof Error ? err.message : String(err);
        }
      }
    }),
  );
  if (firstError) process.stdout.write(`  ${PLAN_FLOOR} (${scenario.id}): ${errors} failed operations, the first: ${firstError}\n`);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN);
  return { completed: latencies.length + errors, errors, p50: at(0.5), p99: at(0.99) };
}

async function measure(system: System, scenario: Scenario, round: number, keycloakUrl: string, rng: Random): Promise<Run> {
  const pid = system.process?.pid;
  const before = pid !== undefined ? processGroupUsage(pid) : undefined;
  const machineBefore = machineBusySeconds();
  await subgraphStats('POST');
  const cacheBefore = await cacheFigures(system);
  const started = performance.now();
  const { completed, errors, p50, p99 } = await load(system, scenario, duration, keycloakUrl, rng);
  const seconds = (performance.now() - started) / 1000;
  const stats = await subgraphStats('GET');
  const cacheAfter = await cacheFigures(system);
  const lookups = cacheBefore && cacheAfter ? cacheAfter.lookups - cacheBefore.lookups : 0;
  const after = pid !== undefined ? processGroupUsage(pid) : undefined;
  const machineAfter = machineBusySeconds();
  return {
    system: system.name,
    port: system.port,
    scenario: scenario.id,
    round,
    requests: completed,
    rps: completed / seconds,
    p50,
    p99,
    errors,
    cpuPercent: before && after ? ((after.cpuSeconds - before.cpuSeconds) / seconds) * 100 : NaN,
    machineCpuPercent: ((machineAfter - machineBefore) / seconds) * 100,
    peakRssMiB: after?.peakRssMiB ?? NaN,
    subgraphRequestsPerOp: completed ? stats.requests / completed : NaN,
    dbCommandsPerOp: completed ? stats.commands / completed : NaN,
    cacheHitRate: cacheBefore && cacheAfter && lookups > 0 ? (cacheAfter.hits - cacheBefore.hits) / lookups : NaN,
    wholeHitRate: cacheBefore && cacheAfter && completed > 0 ? (cacheAfter.wholeHits - cacheBefore.wholeHits) / completed : NaN,
    cacheMiB: cacheAfter ? cacheAfter.bytes / 1024 / 1024 : NaN,
  };
}

/** CPU seconds the whole machine has been busy (every core, every process), from /proc/stat. */
function machineBusySeconds(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: idle and iowait are not busy
  const busy = fields.slice(0, 8).reduce((n, v, i) => (i === 3 || i === 4 ? n : n + v), 0);
  return busy / 100;
}

// ---- report -----------------------------------------------------------------------------------
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};
const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const percent = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)} %` : 'n/a');

function table(runs: Run[]): { markdown: string; summary: Record<string, Record<string, { rps: number; p50: number }>> } {
  const lines: string[] = [];
  const summary: Record<string, Record<string, { rps: number; p50: number }>> = {};
  for (const scenario of SCENARIOS) {
    lines.push(`\n### (${scenario.id}) ${scenario.name}\n`);
    lines.push(
      '| system | req/s (median) | req/s spread over rounds | p50 ms | p99 ms | errors | gateway CPU % | machine CPU % | gateway peak RSS MiB | subgraph req/op | DB commands/op | answered whole from memory | entity cache hit rate (parts of the other requests) | entity cache MiB |',
    );
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    summary[scenario.id] = {};
    for (const system of systemsFor(scenario)) {
      const mine = runs.filter((r) => r.scenario === scenario.id && r.port === system.port);
      if (mine.length === 0) continue;
      const rps = mine.map((r) => r.rps);
      const row = { rps: median(rps), p50: median(mine.map((r) => r.p50)) };
      (summary[scenario.id] ??= {})[system.name] = row;
      lines.push(
        `| ${system.name} | ${fmt(row.rps)} | ${fmt(Math.min(...rps))}–${fmt(Math.max(...rps))} | ${fmt(row.p50)} | ${fmt(median(mine.map((r) => r.p99)))} | ${mine.reduce((n, r) => n + r.errors, 0)} | ${fmt(median(mine.map((r) => r.cpuPercent)), 0)} | ${fmt(median(mine.map((r) => r.machineCpuPercent)), 0)} | ${fmt(Math.max(...mine.map((r) => r.peakRssMiB)), 0)} | ${fmt(median(mine.map((r) => r.subgraphRequestsPerOp)), 2)} | ${fmt(median(mine.map((r) => r.dbCommandsPerOp)), 2)} | ${percent(median(mine.map((r) => r.wholeHitRate)))} | ${Number.isFinite(median(mine.map((r) => r.cacheHitRate))) ? `${fmt(median(mine.map((r) => r.cacheHitRate)) * 100, 0)} %` : 'n/a'} | ${fmt(Math.max(...mine.map((r) => r.cacheMiB)), 1)} |`,
      );
    }
  }
  return { markdown: lines.join('\n'), summary };
}

function ratios(summary: Record<string, Record<string, { rps: number; p50: number }>>): string {
  const a = summary['a'] ?? {};
  const d = summary['d'] ?? {};
  const ratio = (x?: number, y?: number) => (x !== undefined && y ? `${(x / y).toFixed(2)}×` : 'n/a');
  const lines = [
    `- ours / stock Apollo Gateway, throughput on (a): ${ratio(a['ours']?.rps, a['apollo-stock']?.rps)}`,
    `- ours / Hive Gateway, throughput on (a): ${ratio(a['ours']?.rps, a['hive']?.rps)}`,
    `- ours / Hive Gateway with the Rust planner, throughput on (a): ${ratio(a['ours']?.rps, a['hive-rust-planner']?.rps)}`,
    `- Hive Gateway with the Rust planner / stock Apollo Gateway on (a): ${ratio(a['hive-rust-planner']?.rps, a['apollo-stock']?.rps)}`,
    `- no gateway at all (the plan's subgraph requests sent by the load generator) / stock Apollo Gateway on (a): ${ratio(a[PLAN_FLOOR]?.rps, a['apollo-stock']?.rps)} — the most any gateway that reads the subgraphs can reach on this machine`,
  ];
  const floor = d['identity subgraph direct']?.p50;
  for (const name of ['ours', 'apollo-stock', 'hive', 'hive-rust-planner']) {
    const p50 = d[name]?.p50;
    if (p50 !== undefined && floor !== undefined)
      lines.push(`- gateway overhead at p50 on (d), ${name}: ${(p50 - floor).toFixed(1)} ms (${p50.toFixed(1)} ms through the gateway, ${floor.toFixed(1)} ms direct)`);
  }
  return lines.join('\n');
}

// ---- main -------------------------------------------------------------------------------------
async function main(): Promise<void> {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  mkdirSync(RESULTS, { recursive: true });
  const { config, keycloakUrl, databaseLabel } = await useServices();

  await seed(config, { size, seed: DEFAULT_SEED, dbPrefix, force: false });

  const files = { common: path.join(WORK, 'supergraph-without-bidder-check.graphql'), full: path.join(ROOT, 'schema', 'supergraph.graphql') };
  writeFileSync(files.common, supergraphWithoutBidderCheck());

  for (const port of [...new Set([...SYSTEMS.filter((s) => s.supergraph !== 'plan').map((s) => s.port), 4002, 4003, 4004, STATS_PORT, 4106])]) {
    await requireFreePort('the benchmark', port, 'stop what listens there (`npm start`, an earlier run)');
  }
  const subgraphs = tsx('bench/peers/subgraph-host.ts', [dbPrefix], {}, 'subgraphs');
  const all: ChildProcess[] = [subgraphs];
  const stopAll = () => all.forEach((p) => stopGroup(p, 'SIGKILL'));
  process.once('SIGINT', () => {
    stopAll();
    process.exit(130);
  });
  try {
    await waitForGraphQL('http://127.0.0.1:4001/graphql', 'the subgraphs');
    for (const system of SYSTEMS) {
      if (!system.start || system.supergraph === 'none' || system.supergraph === 'plan') continue;
      system.process = system.start(files[system.supergraph]);
      all.push(system.process);
    }
    for (const system of SYSTEMS.filter((s) => s.supergraph !== 'plan')) await waitForGraphQL(`http://127.0.0.1:${system.port}/graphql`, system.name);
    process.stdout.write(`all systems up; ${rounds} rounds of ${duration} s per system and scenario, ${connections} connections\n`);

    const rng = new Random(7);
    for (const scenario of SCENARIOS) for (const system of systemsFor(scenario)) await load(system, scenario, warmup, keycloakUrl, rng);

    const runs: Run[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const scenario of SCENARIOS) {
        for (const system of systemsFor(scenario)) {
          const run = await measure(system, scenario, round, keycloakUrl, rng);
          runs.push(run);
          process.stdout.write(`round ${round} (${scenario.id}) ${system.name}: ${fmt(run.rps)} req/s, p50 ${fmt(run.p50)} ms, p99 ${fmt(run.p99)} ms, ${run.errors} errors\n`);
        }
      }
    }

    // CPU profile of our gateway under scenario (a), in a gateway process of its own
    const profileDir = path.join(WORK, 'cpu-profile');
    const profiled: System = { name: 'ours (profiled)', port: 4106, supergraph: 'common' };
    profiled.process = ours(4106, 'ours-profiled', ['--cpu-prof', `--cpu-prof-dir=${profileDir}`])(files.common);
    all.push(profiled.process);
    await waitForGraphQL(`http://127.0.0.1:${profiled.port}/graphql`, profiled.name);
    const scenarioA = SCENARIOS[0] as Scenario;
    // three times as long as a round, so start-up is a small share of the samples
    await load(profiled, scenarioA, duration * 3, keycloakUrl, rng);
    const exited = new Promise((resolve) => profiled.process?.once('exit', resolve));
    stopGroup(profiled.process, 'SIGTERM');
    await exited;
    await new Promise((r) => setTimeout(r, 500));
    const profileFile = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
    const profileNotes = profileFile ? summariseCpuProfile(JSON.parse(readFileSync(path.join(profileDir, profileFile), 'utf8')) as CpuProfile) : 'no CPU profile was written';

    const { markdown, summary } = table(runs);
    const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${arch()}, Node ${process.version}`;
    const report = [
      `# Gateway comparison`,
      ``,
      `Machine: ${machine}. Database: ${databaseLabel}. Data: ${size} enterprises (seed ${DEFAULT_SEED}).`,
      `Command: \`${command}\` — ${rounds} rounds × ${duration} s per system and scenario after a ${warmup} s warm-up, ${connections} connections, each with its own token and random enterprises per request.`,
      `Gateways: ours (token validation, access rules, limits and audit on); @apollo/gateway with defaults (only the token and purpose forwarded); @graphql-hive/gateway with defaults, and with \`--hive-router-runtime\`.`,
      `(a), (b), (d) use the supergraph without the bidder check for every system (Hive Gateway cannot load the full one); (c) uses the full supergraph, ours and stock only.`,
      `Ours runs with its entity cache on (as deployed): "DB commands/op" counts the subgraphs' statements; before each lookup the cache reads the enterprises' versions from the subgraph's database (one statement per subgraph part of the answer, not counted there). "Answered whole from memory" is the share of requests the operation cache answered (no plan, no subgraph fetch); the entity cache hit rate is the share of the other requests' part lookups (one per enterprise and subgraph part) answered from memory.`,
      `"${PLAN_FLOOR}" in (a) has no gateway: the load generator sends the subgraph requests of the query plan itself, as many at once as the gateways get connections (bench/peers/plan-direct.ts). No gateway that reads the subgraphs can be faster on this machine. "machine CPU %" counts every process (the load generator, PostgreSQL, the subgraphs, the gateway), ${cpus().length * 100} % being all cores busy.`,
      markdown,
      ``,
      `## Ratios`,
      ``,
      ratios(summary),
      ``,
      `## Where our gateway's CPU time goes under (a)`,
      ``,
      profileNotes,
      ``,
    ].join('\n');
    writeFileSync(path.join(RESULTS, 'compare-latest.md'), report);
    writeFileSync(path.join(RESULTS, 'compare-latest.json'), JSON.stringify({ machine, command, size, duration, rounds, connections, runs }, null, 2));
    process.stdout.write(`\n${report}\nwritten to bench/results/compare-latest.md and compare-latest.json\n`);
  } finally {
    stopAll();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
