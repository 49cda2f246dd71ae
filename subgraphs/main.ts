// Entry point of one subgraph process: `tsx subgraphs/main.ts <identity|adverse|reputation|economic>`.
import { keycloakOptionsFromEnv } from '../auth/config';
import { TokenValidator } from '../auth/token-validator';
import { databaseName, dbPrefixFromEnv, openMonitoringStore, openSubgraphStorage, storageConfigFromEnv } from '../storage/index';
import { endpointPolicyFromEnv } from '../monitoring/endpoint';
import { scheduleDisplayChanges } from '../monitoring/display-events';
import { createLogger } from '../platform/logger';
import { personHashKeyFromEnv } from '../schema/person-hash';
import { startSubgraph } from './kit/subgraph-server';
import { httpUrl, port as portSetting } from '../platform/env';
import { SUBGRAPHS, subgraphMetricsPort, subgraphPort } from './index';
import { runServiceProcess } from '../platform/service-process';
import { hopKeyFromEnv } from '../platform/hop-signature';
import { DEV_HOP_KEY_FILE } from '../platform/paths';

const entry = SUBGRAPHS.find((s) => s.name === process.argv[2]);
if (!entry) {
  process.stderr.write(`usage: subgraphs/main.ts <${SUBGRAPHS.map((s) => s.name).join('|')}>\n`);
  process.exit(1);
}
const service = {
  name: `${entry.name} subgraph`,
  serviceName: `credit-${entry.name}`,
  metricsPortVariable: `${entry.name.toUpperCase()}_METRICS_PORT`,
  defaultMetricsPort: subgraphMetricsPort(entry),
};

runServiceProcess(service, async (env) => {
  const dbName = databaseName(dbPrefixFromEnv(env), entry.name);
  const port = subgraphPort(entry, env);
  const storage = await openSubgraphStorage(storageConfigFromEnv(env, entry.name), dbName, env);
  const validator = new TokenValidator({ ...keycloakOptionsFromEnv(env), logger: createLogger(entry.name, env) });
  const identity = SUBGRAPHS.find((s) => s.name === 'identity');
  const identityUrl = httpUrl(env, 'IDENTITY_SUBGRAPH_URL', `http://127.0.0.1:${identity ? subgraphPort(identity, env) : 4001}/graphql`);
  const gatewayUrl = httpUrl(env, 'GATEWAY_URL', `http://127.0.0.1:${portSetting(env, 'GATEWAY_PORT', 4000)}`);
  // the identity subgraph manages watches: it keeps them in the monitoring database
  const monitoring = entry.name === 'identity' ? await openMonitoringStore(storageConfigFromEnv(env, 'monitoring'), databaseName(dbPrefixFromEnv(env), 'monitoring'), env) : undefined;
  const hopKey = hopKeyFromEnv(env, DEV_HOP_KEY_FILE);
  const deps = {
    identityUrl: () => identityUrl,
    hopKey,
    gatewayUrl: () => gatewayUrl,
    personHashKey: personHashKeyFromEnv(env),
    ...(monitoring ? { monitoring: { store: monitoring, policy: endpointPolicyFromEnv(env) } } : {}),
  };
  // loopback unless SUBGRAPH_BIND_HOST says otherwise: the gateway's BIND_HOST does not expose the subgraphs
  const running = await startSubgraph(entry.create(storage, deps), { storage, validator, hopKey, port, host: env['SUBGRAPH_BIND_HOST'] ?? '127.0.0.1' });
  // records entering and leaving public display are adverse records' alone
  const display = entry.category === 'ADVERSE' ? scheduleDisplayChanges(storage, createLogger(entry.name, env)) : undefined;
  return {
    ready: `${entry.name} subgraph ready at ${running.url} (database ${dbName})`,
    stop: async () => {
      display?.stop();
      await running.stop();
      await storage.close();
      await monitoring?.close();
    },
  };
});
