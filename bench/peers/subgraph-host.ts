// The four subgraphs in one process on their usual ports (4001–4004), for the peer benchmark,
// with a counter of subgraph requests and database commands on 127.0.0.1:4009/stats
// (GET reads, POST resets), so per-operation costs can be reported for every gateway alike.
//   tsx bench/peers/subgraph-host.ts <database prefix>
import express from 'express';
import { keycloakOptionsFromEnv } from '../../auth/config';
import { TokenValidator } from '../../auth/token-validator';
import { databaseName, openSubgraphStorage, storageConfigFromEnv } from '../../storage/index';
import type { SubgraphStorage } from '../../storage/port';
import { personHashKeyFromEnv } from '../../schema/person-hash';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/subgraph-server';
import { SUBGRAPHS } from '../../subgraphs/index';
import { queryLimitsFromEnv } from '../../platform/query-limits';

export const STATS_PORT = 4009;

async function main(): Promise<void> {
  const prefix = process.argv[2];
  if (!prefix) throw new Error('usage: subgraph-host.ts <database prefix>');
  const config = storageConfigFromEnv(process.env);
  const validator = new TokenValidator(keycloakOptionsFromEnv(process.env));
  // stock gateways cannot sign their requests: these subgraphs, on loopback for the benchmark only, take them unsigned
  const deps = {
    identityUrl: () => 'http://127.0.0.1:4001/graphql',
    subgraphUrl: (name: 'adverse' | 'reputation') => `http://127.0.0.1:${SUBGRAPHS.find((s) => s.name === name)?.defaultPort ?? 0}/graphql`,
    gatewayUrl: () => 'http://127.0.0.1:4000',
    personHashKey: personHashKeyFromEnv(process.env),
    hopKey: null,
  };
  const running: RunningSubgraph[] = [];
  const counters: SubgraphStorage['statements'][] = [];
  for (const entry of SUBGRAPHS) {
    const storage = await openSubgraphStorage(config, databaseName(prefix, entry.name));
    counters.push(storage.statements);
    running.push(await startSubgraph(entry.create(storage, deps), { storage, validator, port: entry.defaultPort, hopKey: null, limits: queryLimitsFromEnv(process.env) }));
  }
  const app = express();
  app.get('/stats', (_req, res) => {
    res.json({ requests: running.reduce((n, s) => n + s.requests.count, 0), commands: counters.reduce((n, c) => n + c.count, 0) });
  });
  app.post('/stats', (_req, res) => {
    for (const s of running) s.requests.count = 0;
    for (const c of counters) c.reset();
    res.json({ reset: true });
  });
  app.listen(STATS_PORT, '127.0.0.1', () => process.stdout.write(`subgraphs ready (database prefix ${prefix})\n`));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
