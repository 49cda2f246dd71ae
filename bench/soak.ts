// Soak: a steady mixed workload (profiles, searches, bidder checks, submissions) against the whole
// system for a while, reporting errors, latency, memory over time and event-loop lag.
//   npm run bench:soak -- [--minutes 5] [--rate 5] [--size 100]
// The gateway and subgraphs run in this process (so their event loop and memory are measured
// here); the load comes from bench/soak-load.ts in a child process, at a fixed arrival rate.
import { benchmarkCallerLimits, numberArgument } from './args';
import { fork } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { arch, cpus, totalmem } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DEFAULT_SEED } from '../scripts/demo-data/generate';
import { loadDemoData } from '../scripts/demo-data/load';
import { systemConfigFromEnv } from '../launcher/config';
import { startInProcessSystem } from '../launcher/in-process';
import { useServices } from '../scripts/services/index';
import { personHashKeyFromEnv } from '../schema/person-hash';
import { databaseName, dropStorage } from '../storage/index';
import type { SubgraphStorage } from '../storage/port';
import type { SubgraphName } from '../subgraphs/index';
import type { LoadSummary } from './soak-load';

benchmarkCallerLimits();

const minutes = numberArgument('minutes', 5);
const rate = numberArgument('rate', 5);
const size = numberArgument('size', 100);
const dbPrefix = `soak${size}`;
const SAMPLE_MS = 30_000;

interface Sample {
  atSeconds: number;
  rssMiB: number;
  heapUsedMiB: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
}

async function main(): Promise<void> {
  const { config } = await useServices();
  // a fresh data set each run: submissions of earlier runs would make this one slower
  for (const name of ['identity', 'adverse', 'reputation', 'economic', 'audit']) await dropStorage(config, databaseName(dbPrefix, name));
  const system = await startInProcessSystem(systemConfigFromEnv({ ...process.env, DATABASE_PREFIX: dbPrefix }));
  await loadDemoData(Object.fromEntries(Object.entries(system.subgraphs).map(([name, s]) => [name, s.storage])) as Record<SubgraphName, SubgraphStorage>, {
    seed: DEFAULT_SEED,
    size,
    personHashKey: personHashKeyFromEnv(process.env),
  });
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const started = Date.now();
  const samples: Sample[] = [];
  const sample = () => {
    const memory = process.memoryUsage();
    samples.push({
      atSeconds: Math.round((Date.now() - started) / 1000),
      rssMiB: memory.rss / 2 ** 20,
      heapUsedMiB: memory.heapUsed / 2 ** 20,
      lagP50Ms: lag.percentile(50) / 1e6,
      lagP99Ms: lag.percentile(99) / 1e6,
      lagMaxMs: lag.max / 1e6,
    });
    lag.reset();
    const last = samples[samples.length - 1];
    if (last)
      process.stdout.write(
        `${last.atSeconds} s: RSS ${last.rssMiB.toFixed(0)} MiB, heap ${last.heapUsedMiB.toFixed(0)} MiB, event-loop lag p99 ${last.lagP99Ms.toFixed(1)} ms, max ${last.lagMaxMs.toFixed(1)} ms\n`,
      );
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);

  const loadProcess = fork(path.join(__dirname, 'soak-load.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, SOAK_GATEWAY: system.gateway.url, SOAK_RATE: String(rate), SOAK_SECONDS: String(minutes * 60), SOAK_SIZE: String(size) },
  });
  const summary = await new Promise<LoadSummary>((resolve, reject) => {
    loadProcess.once('message', (m) => resolve(m as LoadSummary));
    loadProcess.once('exit', (code) => code !== 0 && reject(new Error(`load generator exited with ${code}`)));
  });
  clearInterval(timer);
  sample();
  await system.stop();

  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${arch()}, Node ${process.version}`;
  const afterWarmUp = samples.find((s) => s.atSeconds >= 60) ?? samples[0];
  const last = samples[samples.length - 1];
  const report = [
    '# Soak',
    '',
    `Machine: ${machine}. Database: PostgreSQL (the project's cluster) unless DATABASE_URL or MONGODB_URI says otherwise. Data: ${size} enterprises.`,
    `Command: \`npm run bench:soak -- --minutes ${minutes} --rate ${rate} --size ${size}\`: ${rate} requests/s for ${minutes} min, mixed as below.`,
    '',
    '| kind | requests | errors | p50 ms | p99 ms |',
    '|---|---|---|---|---|',
    ...Object.entries(summary.kinds).map(([kind, k]) => `| ${kind} | ${k.requests} | ${k.errors} | ${k.p50.toFixed(0)} | ${k.p99.toFixed(0)} |`),
    '',
    `Requests sent ${summary.sent}, answered ${summary.answered}, errors ${summary.errors}${summary.firstError ? ` (first: ${summary.firstError})` : ''}. Records submitted and stored: ${summary.recordsAccepted}.`,
    '',
    'Gateway and subgraphs (one process), sampled every 30 s. Event-loop figures are the delay of a 10 ms timer (`monitorEventLoopDelay`), so they include the 10 ms period itself: the lag is the value minus 10.',
    '',
    '| at | RSS MiB | heap used MiB | event-loop lag p50 ms | p99 ms | max ms |',
    '|---|---|---|---|---|---|',
    ...samples.map((s) => `| ${s.atSeconds} s | ${s.rssMiB.toFixed(0)} | ${s.heapUsedMiB.toFixed(0)} | ${s.lagP50Ms.toFixed(1)} | ${s.lagP99Ms.toFixed(1)} | ${s.lagMaxMs.toFixed(1)} |`),
    '',
    afterWarmUp && last ? `RSS after the first minute ${afterWarmUp.rssMiB.toFixed(0)} MiB, at the end ${last.rssMiB.toFixed(0)} MiB.` : '',
    '',
  ].join('\n');
  const results = path.join(__dirname, 'results');
  mkdirSync(results, { recursive: true });
  writeFileSync(path.join(results, 'soak-latest.md'), report);
  writeFileSync(path.join(results, 'soak-latest.json'), JSON.stringify({ machine, minutes, rate, size, summary, samples }, null, 2));
  process.stdout.write(`\n${report}\nwritten to bench/results/soak-latest.md\n`);
  process.exit(summary.errors === 0 ? 0 : 1);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
