// Credit-report benchmark: member reports (svc-tax, purpose SUPERVISION) of random enterprises
// through the system as deployed (gateway and subgraphs a process each, ports 4200–4204).
//   npx tsx bench/reports.ts --size 2000 [--requests 100] [--concurrency 20] [--records 1000]
// DATABASE_PREFIX names an existing data set (e.g. `credit` after `npm run seed -- --size 1000000`).
// Three phases: `requests` reports one after another (latency); `concurrency` reports at once, five
// times (errors); `records` reports four at a time with the gateway's resident memory sampled
// every 100 (memory flat). Writes bench/results/reports-<size>-<time>.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { refreshingClientToken } from '../auth/client-token';
import { DEFAULT_SEED, demoUscc } from '../scripts/demo-data/generate';
import { Random } from '../scripts/demo-data/random';
import { seed } from '../scripts/seed';
import { useServices } from '../scripts/services/index';
import { benchmarkCallerLimits, numberArgument } from './args';
import { startSystemProcesses } from './processes';

benchmarkCallerLimits();

const size = numberArgument('size', 2000);
const requests = numberArgument('requests', 100);
const concurrency = numberArgument('concurrency', 20);
const records = numberArgument('records', 1000);
const dbPrefix = process.env['DATABASE_PREFIX'] ?? `bench${size}`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function main(): Promise<void> {
  const { config, keycloakUrl, databaseLabel } = await useServices();
  await seed(config, { size, seed: DEFAULT_SEED, dbPrefix, force: false });
  const system = await startSystemProcesses(4200, dbPrefix);
  const gatewayPid = system.pids[system.pids.length - 1] ?? 0;
  const token = refreshingClientToken(keycloakUrl, 'svc-tax');
  const rng = new Random(7);
  const base = system.url.replace(/\/graphql$/, '');
  let errors = 0;
  let firstError: string | undefined;
  let bytes = 0;
  const report = async (): Promise<number> => {
    const started = performance.now();
    const res = await fetch(`${base}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/pdf', authorization: `Bearer ${await token()}`, 'x-query-purpose': 'SUPERVISION' },
      body: JSON.stringify({ uscc: demoUscc(DEFAULT_SEED, rng.int(0, size - 1)) }),
    });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status !== 201) {
      errors++;
      firstError ??= `${res.status} ${body.toString('utf8').slice(0, 300)}`;
    } else bytes += body.length;
    return performance.now() - started;
  };
  try {
    for (let i = 0; i < 5; i++) await report(); // warm-up
    const latencies: number[] = [];
    for (let i = 0; i < requests; i++) latencies.push(await report());
    latencies.sort((a, b) => a - b);
    const sequentialBytes = bytes;

    const errorsBefore = errors;
    const burst: number[] = [];
    for (let round = 0; round < 5; round++) burst.push(...(await Promise.all(Array.from({ length: concurrency }, report))));
    burst.sort((a, b) => a - b);
    const burstErrors = errors - errorsBefore;

    const samples: { after: number; rss: number }[] = [{ after: 0, rss: rssMiB(gatewayPid) }];
    let started = 0;
    let completed = 0;
    const worker = async () => {
      while (started < records) {
        started++;
        await report();
        if (++completed % 100 === 0) samples.push({ after: completed, rss: rssMiB(gatewayPid) });
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));

    const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    const lines = [
      `# Credit reports, ${size.toLocaleString('en')} enterprises`,
      '',
      `Machine: ${machine}. Database: ${databaseLabel}. Command: \`${dbPrefix === `bench${size}` ? '' : `DATABASE_PREFIX=${dbPrefix} `}npx tsx bench/reports.ts --size ${size} --requests ${requests} --concurrency ${concurrency} --records ${records}\` (${new Date().toISOString()}).`,
      'Member reports (svc-tax, purpose SUPERVISION) of random enterprises, as PDF, through the gateway and subgraphs as deployed (a process each).',
      '',
      '| measure | result |',
      '|---|---|',
      `| one at a time, ${requests} reports | p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms; average PDF ${(sequentialBytes / requests / 1024).toFixed(0)} KiB |`,
      `| ${concurrency} at once, 5 rounds | ${burstErrors} errors; p50 ${percentile(burst, 50).toFixed(0)} ms, max ${percentile(burst, 100).toFixed(0)} ms |`,
      `| ${records} reports, 4 at a time: gateway resident memory | ${samples.map((s) => `${s.after}: ${s.rss.toFixed(0)}`).join(', ')} MiB |`,
      `| errors in all | ${errors}${firstError ? ` (first: ${firstError.replace(/\|/g, '/')})` : ''} |`,
    ];
    const file = path.join(__dirname, 'results', `reports-${size}-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    process.stdout.write(`${lines.join('\n')}\n\nwritten to ${path.relative(process.cwd(), file)}\n`);
  } finally {
    system.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
