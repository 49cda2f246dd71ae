// Dynamic-monitoring benchmark: 1,000 watches covering `--enterprises` enterprises (100 each),
// webhooks to a receiver in this process; a bulk intake of `--records` AD01 penalties through
// POST /submissions/AD01 while the dispatcher (in this process) delivers. Reports the intake's
// records/s, events delivered per second and commit-to-delivery latency.
//   DATABASE_PREFIX=bench100000 npx tsx bench/monitoring.ts --size 100000 --records 200000
// The system runs as deployed (gateway and subgraphs a process each, ports 4200–4204).
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { demoClientToken } from '../auth/client-token';
import { createLogger } from '../platform/logger';
import { Dispatcher } from '../monitoring/dispatcher';
import { ownerRightsFromEnv } from '../monitoring/owner-rights';
import { directoryRegions, dispatcherToken } from '../monitoring/enterprise-regions';
import { hopKeyFromEnv } from '../platform/hop-signature';
import { DEV_HOP_KEY_FILE } from '../platform/paths';
import { DEFAULT_SEED, demoUscc } from '../scripts/demo-data/generate';
import { taxPenalty } from '../scripts/demo-data/tax-penalties';
import { seed } from '../scripts/seed';
import { useServices } from '../scripts/services/index';
import { databaseName, dropStorage, openAuditStore, openChangeFeed, openMonitoringStore } from '../storage/index';
import { AuditLog } from '../audit/audit-log';
import { SUBGRAPHS } from '../subgraphs/index';
import { benchmarkCallerLimits, numberArgument } from './args';
import { startSystemProcesses } from './processes';

benchmarkCallerLimits();

const size = numberArgument('size', 100_000);
const records = numberArgument('records', 200_000);
const watchCount = 1000;
const dbPrefix = process.env['DATABASE_PREFIX'] ?? `bench${size}`;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main(): Promise<void> {
  const { config, keycloakUrl, databaseLabel } = await useServices();
  await seed(config, { size, seed: DEFAULT_SEED, dbPrefix, force: false });
  const arrivals: { at: number; latencyMs: number }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const event = JSON.parse(body) as { at: string };
      arrivals.push({ at: Date.now(), latencyMs: Date.now() - new Date(event.at).getTime() });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  // a fresh monitoring database: queues of earlier runs would be delivered (and retried) too
  await dropStorage(config, databaseName(dbPrefix, 'monitoring'));
  const store = await openMonitoringStore(config, databaseName(dbPrefix, 'monitoring'));
  const feeds = await Promise.all(SUBGRAPHS.map(async (s) => ({ source: s.name, feed: await openChangeFeed(config, databaseName(dbPrefix, s.name)) })));
  // start from the outboxes' ends: only this run's events count
  for (const { source, feed } of feeds) {
    let cursor = await store.position(source);
    for (;;) {
      const page = await feed.read(cursor, 10_000);
      if (!page.events.length) break;
      cursor = page.cursor;
    }
    await store.ingest(source, cursor, [], new Date());
  }
  const run = randomUUID().slice(0, 8);
  for (let w = 0; w < watchCount; w++) {
    const usccs = Array.from({ length: size / watchCount }, (_, i) => demoUscc(DEFAULT_SEED, w * (size / watchCount) + i));
    await store.createWatch(
      {
        id: `w_bench-${run}-${w}`,
        owner: { subject: 'bench', agency: 'tax', region: '500000', roles: ['credit-member'] },
        purpose: 'SUPERVISION',
        name: null,
        endpoint,
        secret: 'whsec_bench',
        region: null,
        indicators: ['AD01'],
        paused: false,
        createdAt: new Date(),
      },
      usccs,
    );
  }
  const system = await startSystemProcesses(4200, dbPrefix);
  // deliveries are recorded before they are sent, as in production
  const auditStore = await openAuditStore(config, databaseName(dbPrefix, 'audit'));
  const audit = new AuditLog((events) => auditStore.append(events));
  const dispatcher = new Dispatcher({
    store,
    feeds,
    policy: { allowLoopbackHttp: true },
    logger: createLogger('dispatcher', { LOG_LEVEL: 'warn' }),
    audit,
    owners: ownerRightsFromEnv({ ...process.env, KEYCLOAK_URL: keycloakUrl }),
    // the identity subgraph is the first after the gateway's port (bench/processes.ts)
    regions: directoryRegions('http://127.0.0.1:4201/graphql', hopKeyFromEnv(process.env, DEV_HOP_KEY_FILE), dispatcherToken(keycloakUrl, process.env)),
    concurrency: 64,
    idleMs: 50,
  });
  try {
    dispatcher.start();
    const lines = (function* () {
      for (let n = 0; n < records; n++) yield `${JSON.stringify(taxPenalty(demoUscc(DEFAULT_SEED, n % size), `渝税罚〔2026〕M${run}-${n}号`))}\n`;
    })();
    const token = await demoClientToken(keycloakUrl, 'svc-tax');
    const started = performance.now();
    const res = await fetch(`${system.url.replace(/\/graphql$/, '')}/submissions/AD01?batchId=monitoring-${run}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` },
      body: Readable.toWeb(Readable.from(lines)) as ReadableStream,
      duplex: 'half',
    });
    const report = (await res.json()) as { accepted: number; rejected: number };
    const intakeSeconds = (performance.now() - started) / 1000;
    const deadline = Date.now() + 600_000;
    while (arrivals.length < report.accepted && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    const burst = arrivals.slice();
    arrivals.length = 0;
    // steady traffic once the burst is delivered: 20 records every half second for 30 s
    const steadyToken = await demoClientToken(keycloakUrl, 'svc-tax');
    const steadyStarted = Date.now();
    let steadySent = 0;
    for (let round = 0; Date.now() - steadyStarted < 30_000; round++) {
      const records = Array.from({ length: 20 }, (_, k) => taxPenalty(demoUscc(DEFAULT_SEED, (round * 20 + k) % size), `渝税罚〔2026〕S${run}-${round}-${k}号`));
      const answer = await fetch(system.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${steadyToken}` },
        body: JSON.stringify({
          query: 'mutation($b: ID!, $r: [JSON!]!) { submitAdverseRecords(batchId: $b, indicator: "AD01", records: $r) { accepted } }',
          variables: { b: `steady-${run}-${round}`, r: records },
        }),
      });
      steadySent += ((await answer.json()) as { data?: { submitAdverseRecords?: { accepted?: number } } }).data?.submitAdverseRecords?.accepted ?? 0;
      await new Promise((r) => setTimeout(r, 500));
    }
    const steadyDeadline = Date.now() + 60_000;
    while (arrivals.length < steadySent && Date.now() < steadyDeadline) await new Promise((r) => setTimeout(r, 200));
    const steady = arrivals.map((a) => a.latencyMs).sort((a, b) => a - b);
    const first = burst.reduce((m, a) => Math.min(m, a.at), Infinity);
    const last = burst.reduce((m, a) => Math.max(m, a.at), 0);
    const latencies = burst.map((a) => a.latencyMs).sort((a, b) => a - b);
    const lines2 = [
      `# Dynamic monitoring, ${size.toLocaleString('en')} enterprises`,
      '',
      `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Database: ${databaseLabel}. Command: \`DATABASE_PREFIX=${dbPrefix} npx tsx bench/monitoring.ts --size ${size} --records ${records}\` (${new Date().toISOString()}).`,
      `${watchCount} watches of ${size / watchCount} enterprises each (AD01, webhooks to a receiver in the benchmark process); the gateway and subgraphs as deployed; the dispatcher in the benchmark process.`,
      '',
      '| measure | result |',
      '|---|---|',
      `| intake of ${records.toLocaleString('en')} records (POST /submissions/AD01, NDJSON), events written to the outbox in the same transactions | ${report.accepted} accepted, ${report.rejected} rejected, ${intakeSeconds.toFixed(1)} s, **${(report.accepted / intakeSeconds).toFixed(0)} records/s** |`,
      `| events delivered | ${burst.length} of ${report.accepted}, **${(burst.length / ((last - first) / 1000)).toFixed(0)} per second** (first to last delivery) |`,
      `| from the record's receipt to its delivery, within the burst (queued behind it) | p50 ${(percentile(latencies, 50) / 1000).toFixed(1)} s, p99 ${(percentile(latencies, 99) / 1000).toFixed(1)} s |`,
      `| the same, steady traffic afterwards (20 records every 0.5 s for 30 s: ${steadySent} records, ${steady.length} delivered) | **p50 ${(percentile(steady, 50) / 1000).toFixed(2)} s, p99 ${(percentile(steady, 99) / 1000).toFixed(2)} s** |`,
    ];
    const file = path.join(__dirname, 'results', `monitoring-${size}-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
    writeFileSync(file, `${lines2.join('\n')}\n`);
    process.stdout.write(`${lines2.join('\n')}\n\nwritten to ${path.relative(process.cwd(), file)}\n`);
  } finally {
    await dispatcher.stop();
    system.stop();
    for (const { feed } of feeds) await feed.close();
    await store.close();
    receiver.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
