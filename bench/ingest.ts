// Bulk ingestion throughput: generates an NDJSON file of AD01 penalties for the demo enterprises,
// streams it through POST /submissions/AD01 of a running system (`npm start`) and reports records
// per second and the peak memory (VmHWM) of the gateway and adverse subgraph processes.
//   npm start   (in another terminal)
//   npx tsx bench/ingest.ts --records 20000
import { demoClientToken } from '../auth/client-token';
import { execFileSync } from 'node:child_process';
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { DEFAULT_SEED, demoUscc } from '../scripts/demo-data/generate';
import { taxPenalty } from '../scripts/demo-data/tax-penalties';
import { numberArgument } from './args';

const records = numberArgument('records', 20_000);
const demoSize = Number(process.env['DEMO_SIZE'] ?? 2000);
const gateway = process.env['GATEWAY_URL'] ?? 'http://127.0.0.1:4000';
const keycloak = process.env['KEYCLOAK_URL'] ?? 'http://127.0.0.1:8080';

function peakRss(pattern: string): string {
  try {
    const pids = execFileSync('pgrep', ['-f', pattern]).toString().trim().split('\n');
    const kb = pids.map((pid) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0));
    return `${(Math.max(...kb) / 1024).toFixed(0)} MiB`;
  } catch {
    return 'n/a';
  }
}

async function main(): Promise<void> {
  const file = path.join(tmpdir(), `penalties-${records}.ndjson`);
  const out = createWriteStream(file);
  const run = Date.now().toString(36);
  for (let n = 0; n < records; n++) {
    const line = JSON.stringify(taxPenalty(demoUscc(DEFAULT_SEED, n % demoSize), `渝税罚〔2026〕B${run}-${n}号`));
    if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  const token = await demoClientToken(keycloak, 'svc-tax');
  const started = performance.now();
  const res = await fetch(`${gateway}/submissions/AD01?batchId=bench-${run}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: 'half',
  });
  const report = (await res.json()) as { accepted: number; rejected: number; errors?: unknown };
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${JSON.stringify(report).slice(0, 500)}`);
  const seconds = (performance.now() - started) / 1000;
  const line = `| ${records} | ${(statSync(file).size / 1e6).toFixed(1)} MB | ${report.accepted} | ${report.rejected} | ${seconds.toFixed(1)} | ${(records / seconds).toFixed(0)} | ${peakRss('launcher/main.ts gateway')} | ${peakRss('launcher/main.ts adverse')} |`;
  process.stdout.write(`Machine: ${cpus()[0]?.model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
  process.stdout.write('| records | file | accepted | rejected | seconds | records/s | gateway peak RSS | adverse peak RSS |\n|---|---|---|---|---|---|---|---|\n');
  process.stdout.write(`${line}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`ingest bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
