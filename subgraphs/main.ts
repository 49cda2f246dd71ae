// Entry point of one subgraph process: `tsx subgraphs/main.ts <identity|adverse|reputation|economic>`.
// Exits non-zero when it cannot start, so a supervisor sees the failure.
import { keycloakOptionsFromEnv } from '../auth/config';
import { TokenValidator } from '../auth/token-validator';
import { databaseName, dbPrefixFromEnv, openMonitoringStore, openSubgraphStorage, storageConfigFromEnv } from '../storage/index';
import { endpointPolicyFromEnv } from '../monitoring/endpoint';
import { scheduleDisplayChanges } from './common/display-events';
import { createLogger } from '../common/logger';
import { personHashKeyFromEnv } from './common/person-hash';
import { startSubgraph } from './common/subgraph-server';
import { httpUrl, port as portSetting } from '../common/env';
import { SUBGRAPHS, subgraphMetricsPort, subgraphPort } from './index';
import { startTelemetry } from '../common/telemetry';
import { metricsListenerFromEnv, startMetricsListener } from '../common/metrics-server';

async function main(): Promise<void> {
  const name = process.argv[2];
  const entry = SUBGRAPHS.find((s) => s.name === name);
  if (!entry) throw new Error(`usage: subgraphs/main.ts <${SUBGRAPHS.map((s) => s.name).join('|')}>`);
  const env = process.env;
  const telemetry = startTelemetry(`credit-${entry.name}`, env);
  const metrics = await startMetricsListener(metricsListenerFromEnv(env, `${entry.name.toUpperCase()}_METRICS_PORT`, subgraphMetricsPort(entry)));
  const dbName = databaseName(dbPrefixFromEnv(env), entry.name);
  const port = subgraphPort(entry, env);
  const storage = await openSubgraphStorage(storageConfigFromEnv(env, entry.name), dbName, env);
  const validator = new TokenValidator(keycloakOptionsFromEnv(env));
  const identity = SUBGRAPHS.find((s) => s.name === 'identity');
  const identityUrl = httpUrl(env, 'IDENTITY_SUBGRAPH_URL', `http://127.0.0.1:${identity ? subgraphPort(identity, env) : 4001}/graphql`);
  const gatewayUrl = httpUrl(env, 'GATEWAY_URL', `http://127.0.0.1:${portSetting(env, 'GATEWAY_PORT', 4000)}`);
  // the identity subgraph manages watches: it keeps them in the monitoring database
  const monitoring = entry.name === 'identity' ? await openMonitoringStore(storageConfigFromEnv(env, 'monitoring'), databaseName(dbPrefixFromEnv(env), 'monitoring'), env) : undefined;
  const deps = {
    identityUrl: () => identityUrl,
    gatewayUrl: () => gatewayUrl,
    personHashKey: personHashKeyFromEnv(env),
    ...(monitoring ? { monitoring: { store: monitoring, policy: endpointPolicyFromEnv(env) } } : {}),
  };
  const running = await startSubgraph(entry.create(storage, deps), { storage, validator, port, host: env['BIND_HOST'] });
  // records entering and leaving public display are adverse records' alone
  const display = entry.category === 'ADVERSE' ? scheduleDisplayChanges(storage, createLogger(entry.name, env)) : undefined;
  process.stdout.write(`${entry.name} subgraph ready at ${running.url} (database ${dbName}); metrics at ${metrics.url}\n`);
  const shutdown = async () => {
    display?.stop();
    await running.stop();
    await storage.close();
    await monitoring?.close();
    await metrics.stop();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

main().catch((err: unknown) => {
  process.stderr.write(`subgraph failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
