// Is the entity cache ever stale? Two gateways over the same subgraphs: each trial reads an
// enterprise through both (so both hold its answer), changes one of its penalties through the
// first (a new record, a correction, a withdrawal, a repair, an objection, a statement) and, as
// soon as that answers, reads it back through the second and the first. An answer that does not
// show the change is stale. Readers in the background keep both caches busy meanwhile.
//   npm run bench:cache-staleness -- [--trials 10000] [--workers 4]
// The integration test runs the same trials (bench/cache-staleness-trials.ts), fewer of them.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { refreshingClientToken } from '../auth/client-token';
import { systemConfigFromEnv } from '../launcher/config';
import { startInProcessSystem } from '../launcher/in-process';
import { startGatewayService } from '../launcher/services';
import { createLogger } from '../platform/logger';
import { personHashKeyFromEnv } from '../schema/person-hash';
import type { SubgraphStorage } from '../storage/port';
import type { SubgraphName } from '../subgraphs/index';
import { DEFAULT_SEED, generateEnterprise } from '../scripts/demo-data/generate';
import { loadDemoData } from '../scripts/demo-data/load';
import { useServices } from '../scripts/services/index';
import { benchmarkCallerLimits, numberArgument } from './args';

import { runStalenessTrials } from './cache-staleness-trials';

/** A demo user's token (password grant of the command-line client). */
async function userToken(keycloakUrl: string, username: string): Promise<string> {
  const res = await fetch(`${keycloakUrl}/realms/credit/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'credit-cli', username, password: 'demo-password' }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token for ${username}: HTTP ${res.status}`);
  return body.access_token;
}

async function main(): Promise<void> {
  const trials = numberArgument('trials', 10_000);
  const workers = numberArgument('workers', 4);
  benchmarkCallerLimits();
  const { keycloakUrl } = await useServices();
  const dbPrefix = `staleness${Date.now().toString(36)}`;
  const config = systemConfigFromEnv({ ...process.env, DATABASE_PREFIX: dbPrefix });
  const system = await startInProcessSystem(config);
  const demo = { seed: DEFAULT_SEED, size: 100, personHashKey: personHashKeyFromEnv(process.env) };
  await loadDemoData(Object.fromEntries(Object.entries(system.subgraphs).map(([name, s]) => [name, s.storage])) as Record<SubgraphName, SubgraphStorage>, demo);
  const urls = Object.fromEntries(Object.entries(system.subgraphs).map(([name, s]) => [name, s.running.url])) as Record<SubgraphName, string>;
  const second = await startGatewayService({ ...config, gateway: { ...config.gateway, console: null, port: 0 } }, createLogger('gateway-2', process.env), urls);
  const submitter = refreshingClientToken(keycloakUrl, 'svc-aic-city');
  const objector = refreshingClientToken(keycloakUrl, 'svc-tax');
  const subject = generateEnterprise(demo, 0).directory.uscc;
  const started = Date.now();
  try {
    const outcome = await runStalenessTrials({
      client: {
        query: async (url, query, variables, token, purpose) => {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(purpose ? { 'x-query-purpose': purpose } : {}) },
            body: JSON.stringify({ query, variables }),
          });
          return (await res.json()) as { data?: never; errors?: { message: string }[] };
        },
      },
      gatewayA: system.gateway.url,
      gatewayB: second.running.url,
      // every enterprise of the data set, dealt to the workers: 10,000 trials leave each with well under a page of penalties
      enterprises: Array.from({ length: workers }, (_, w) => Array.from({ length: Math.floor(demo.size / workers) }, (_, i) => generateEnterprise(demo, w + i * workers).directory.uscc)),
      tokens: { submitter, objector, subject: { uscc: subject, token: () => userToken(keycloakUrl, 'ent-debo') } },
      trials,
      runId: `b${Date.now().toString(36)}`,
    });
    const seconds = (Date.now() - started) / 1000;
    const [a, b] = [system.gateway.cacheStats(), second.running.cacheStats()];
    const report = [
      '# Entity cache: stale answers after a change',
      '',
      `Machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, Node ${process.version}. Command: \`npm run bench:cache-staleness -- --trials ${trials} --workers ${workers}\` (${seconds.toFixed(0)} s).`,
      `Two gateways over the same subgraphs; each trial reads the enterprise through both, changes it through the first, and reads it back through the second and then the first as soon as the change answers; two readers in the background read the same enterprises through both gateways (${outcome.backgroundReads} reads).`,
      '',
      `- trials: ${outcome.trials} (${Object.entries(outcome.byKind)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')})`,
      `- stale answers through the second gateway: **${outcome.staleB}**; through the first: **${outcome.staleA}**`,
      `- errors: ${outcome.errors.length === 0 ? 'none' : outcome.errors.join('; ')}`,
      `- first gateway's cache: entities ${a?.hits ?? 0} hits, ${a?.misses ?? 0} misses, ${a?.bypassed ?? 0} uncached; whole answers ${a?.operations.hits ?? 0} hits, ${a?.operations.misses ?? 0} misses, ${a?.operations.bypassed ?? 0} uncached`,
      `- second gateway's cache: entities ${b?.hits ?? 0} hits, ${b?.misses ?? 0} misses, ${b?.bypassed ?? 0} uncached; whole answers ${b?.operations.hits ?? 0} hits, ${b?.operations.misses ?? 0} misses, ${b?.operations.bypassed ?? 0} uncached`,
      ...outcome.examples.map((e) => `- ${e}`),
      '',
    ].join('\n');
    writeFileSync(path.join(__dirname, 'results', 'cache-staleness-latest.md'), report);
    process.stdout.write(report);
    if (outcome.staleA + outcome.staleB > 0 || outcome.errors.length > 0) process.exitCode = 1;
  } finally {
    await second.stop();
    await system.stop({ dropDatabases: true });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
