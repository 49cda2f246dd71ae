// Web console benchmark: the profile of an enterprise with 1,000 administrative penalties (AD01),
// opened by the public in Debian's Chromium against the system as deployed (gateway and subgraphs a
// process each, ports 4300–4304: the gateway on a port the realm's credit-web client lists, so the
// console's Keycloak session check answers at once; the console built into console/dist).
//   npx tsx bench/console.ts --size 2000 [--runs 20]
// Per run, in a fresh browser profile: navigation to the first page of AD01 shown; Next (a page
// already loaded); Next again (the next 20 records fetched first). Also the JavaScript the search
// page loads (gzip). Writes bench/results/console-latest.md.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { refreshingClientToken } from '../auth/client-token';
import { DEFAULT_SEED, demoUscc } from '../scripts/demo-data/generate';
import { seed } from '../scripts/seed';
import { useServices } from '../scripts/services/index';
import { BROWSER_PACKAGES, CHROMIUM, ensureDebianPackages } from '../scripts/services/debian';
import { ROOT } from '../platform/paths';
import { benchmarkCallerLimits, numberArgument } from './args';
import { startSystemProcesses } from './processes';
import { manyPenalties } from '../scripts/demo-data/tax-penalties';

benchmarkCallerLimits();

const size = numberArgument('size', 2000);
const runs = numberArgument('runs', 20);
const dbPrefix = process.env['DATABASE_PREFIX'] ?? `bench${size}`;
const RECORDS = 1000;

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? NaN;

async function main(): Promise<void> {
  ensureDebianPackages(BROWSER_PACKAGES, 'the console benchmark');
  execFileSync('npm', ['run', '--silent', 'console:build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const { config, keycloakUrl, databaseLabel } = await useServices();
  await seed(config, { size, seed: DEFAULT_SEED, dbPrefix, force: false });
  const system = await startSystemProcesses(4300, dbPrefix);
  const origin = system.url.replace(/\/graphql$/, '');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    // 1,000 penalties of one enterprise; the fixed batch id makes a second run a no-op
    const uscc = demoUscc(DEFAULT_SEED, 5);
    const token = refreshingClientToken(keycloakUrl, 'svc-tax');
    const records = manyPenalties(uscc, RECORDS, 'B');
    const submitted = await fetch(system.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
      body: JSON.stringify({
        query: 'mutation($r: [JSON!]!) { submitAdverseRecords(batchId: "bench-console-1000", indicator: "AD01", records: $r) { accepted rejected } }',
        variables: { r: records },
      }),
    });
    const answer = (await submitted.json()) as { data?: { submitAdverseRecords?: { accepted: number; rejected: number } }; errors?: unknown[] };
    if (!answer.data?.submitAdverseRecords) throw new Error(`submission failed: ${submitted.status} ${JSON.stringify(answer.errors)}`);
    process.stdout.write(`AD01 records of ${uscc}: ${JSON.stringify(answer.data.submitAdverseRecords)}\n`);

    const timings = { open: [] as number[], nextLoaded: [] as number[], nextFetched: [] as number[] };
    let scriptBytes = 0;
    for (let run = 0; run < runs + 2; run++) {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const scripts: Promise<Buffer>[] = [];
      page.on('response', (r) => {
        if (r.url().endsWith('.js')) scripts.push(r.body().catch(() => Buffer.alloc(0)));
      });
      if (run === 0) {
        await page.goto(`${origin}/`, { waitUntil: 'networkidle' });
        scriptBytes = (await Promise.all(scripts)).reduce((sum, b) => sum + gzipSync(b).length, 0);
      }
      const penalties = page.locator('[data-indicator="AD01"]');
      const started = performance.now();
      await page.goto(`${origin}/enterprise/${uscc}`);
      await penalties.locator('li.record').nth(9).waitFor();
      const opened = performance.now();
      const next = penalties.getByRole('button', { name: '下一页' });
      await next.click();
      await penalties.getByText('第 2 页').waitFor();
      const second = performance.now();
      await next.click();
      await penalties.getByText('第 3 页').waitFor();
      await penalties.locator('li.record').nth(9).waitFor();
      const third = performance.now();
      // the first two runs warm the processes' caches and plans
      if (run >= 2) {
        timings.open.push(opened - started);
        timings.nextLoaded.push(second - opened);
        timings.nextFetched.push(third - second);
      }
      await context.close();
    }
    const row = (name: string, values: number[]) => `| ${name} | ${percentile(values, 50).toFixed(0)} | ${percentile(values, 95).toFixed(0)} | ${Math.max(...values).toFixed(0)} |`;
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${databaseLabel}, Chromium ${browser.version()}`;
    const lines = [
      `# Console benchmark (${new Date().toISOString()})`,
      '',
      `Machine: ${machine}. Data set ${dbPrefix}; enterprise ${uscc} with ${RECORDS} AD01 records; ${runs} runs after 2 warm-up runs, each in a fresh browser profile (no cache).`,
      '',
      `JavaScript loaded by the search page: ${(scriptBytes / 1024).toFixed(1)} KB gzip.`,
      '',
      '| step (ms) | p50 | p95 | max |',
      '|---|---|---|---|',
      row('open the profile until AD01 shows its first 10 records', timings.open),
      row('Next: page 2, already loaded', timings.nextLoaded),
      row('Next: page 3, 20 more records fetched first', timings.nextFetched),
      '',
    ];
    const out = path.join(ROOT, 'bench', 'results', 'console-latest.md');
    writeFileSync(out, lines.join('\n'));
    process.stdout.write(`${lines.join('\n')}\nwritten to ${path.relative(ROOT, out)}\n`);
  } finally {
    await browser.close();
    system.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
