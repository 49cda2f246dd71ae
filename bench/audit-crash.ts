// No member answer without its audit row, under kill -9: `--rounds` times, the system as deployed
// (gateway and four subgraph processes) serves a steady load of member queries and the gateway is
// killed part-way; every answer that reached the client with data must have its audit event.
//   npx tsx bench/audit-crash.ts [--rounds 20] [--size 2000] [--concurrency 8]
// Writes bench/results/audit-crash-latest.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { demoClientToken } from '../auth/client-token';
import { DEFAULT_SEED, demoUscc } from '../scripts/demo-data/generate';
import { seed } from '../scripts/seed';
import { useServices } from '../scripts/services/index';
import { signalGroup } from '../launcher/process-control';
import { databaseName, openAuditStore, storageConfigFromEnv } from '../storage/index';
import { benchmarkCallerLimits, numberArgument } from './args';
import { crashRound } from './audit-crash-round';
import { startSystemProcesses } from './processes';

benchmarkCallerLimits();

const RESULTS = path.resolve(__dirname, 'results');
const rounds = numberArgument('rounds', 20);
const size = numberArgument('size', 2000);
const concurrency = numberArgument('concurrency', 8);
const dbPrefix = `bench${size}`;

async function main(): Promise<void> {
  const { config, keycloakUrl, databaseLabel } = await useServices();
  await seed(config, { size, seed: DEFAULT_SEED, dbPrefix, force: false });
  const audit = await openAuditStore(storageConfigFromEnv(process.env, 'audit'), databaseName(dbPrefix, 'audit'), process.env);
  const rows: { round: number; sent: number; disclosed: number; missing: number }[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const system = await startSystemProcesses(4400, dbPrefix, process.env);
      const uscc = demoUscc(DEFAULT_SEED, round % size);
      const started = new Date();
      try {
        // the gateway is the last process started
        const gatewayPid = system.pids[system.pids.length - 1];
        const result = await crashRound({
          url: system.url,
          token: await demoClientToken(keycloakUrl, 'svc-tax'),
          uscc,
          round: Date.now(),
          concurrency,
          killAfterMs: 1_000,
          kill: () => gatewayPid !== undefined && signalGroup(gatewayPid, 'SIGKILL'),
          audited: async (names) => {
            const events = await audit.find({ enterprise: uscc, from: new Date(started.getTime() - 1_000), to: new Date(Date.now() + 60_000), limit: 100_000 });
            const seen = new Set(events.map((e) => e.operationName));
            return names.filter((n) => seen.has(n));
          },
        });
        rows.push({ round: round + 1, sent: result.sent, disclosed: result.disclosed.length, missing: result.missing.length });
        process.stdout.write(`round ${round + 1}: ${result.sent} sent, ${result.disclosed.length} answered with data, ${result.missing.length} without an audit row\n`);
      } finally {
        system.stop();
      }
    }
  } finally {
    await audit.close();
  }
  const lines = [
    '# Audit under kill -9',
    '',
    `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Database: ${databaseLabel}. Data: ${size} enterprises.`,
    `Command: \`npx tsx bench/audit-crash.ts --rounds ${rounds} --size ${size} --concurrency ${concurrency}\` (${new Date().toISOString()}).`,
    `Each round: ${concurrency} member queries in flight (svc-tax, purpose SUPERVISION), SIGKILL of the gateway after 1 to 1.3 s.`,
    '',
    '| round | sent | answered with data | without an audit row |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.round} | ${r.sent} | ${r.disclosed} | ${r.missing} |`),
    `| all | ${rows.reduce((n, r) => n + r.sent, 0)} | ${rows.reduce((n, r) => n + r.disclosed, 0)} | ${rows.reduce((n, r) => n + r.missing, 0)} |`,
  ];
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, 'audit-crash-latest.md'), `${lines.join('\n')}\n`);
  process.stdout.write(`\n${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
