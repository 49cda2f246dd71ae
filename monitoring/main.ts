// Entry point of the dispatcher process: reads the four subgraphs' outboxes and delivers webhooks.
// One dispatcher per deployment.
import { createLogger } from '../platform/logger';
import { httpUrl, positiveInt } from '../platform/env';
import { runServiceProcess } from '../platform/service-process';
import { databaseName, dbPrefixFromEnv, openAuditStore, openChangeFeed, openMonitoringStore, storageConfigFromEnv } from '../storage/index';
import { AuditLog } from '../audit/audit-log';
import { SUBGRAPH_OF } from '../schema/catalogue';
import { Dispatcher } from './dispatcher';
import { endpointPolicyFromEnv } from './endpoint';
import { ownerRightsFromEnv } from './owner-rights';
import { directoryRegions, dispatcherToken } from './enterprise-regions';
import { hopKeyFromEnv } from '../platform/hop-signature';
import { DEV_HOP_KEY_FILE } from '../platform/paths';

/** Where the dispatcher's metrics are served unless DISPATCHER_METRICS_PORT says otherwise. */
export const DISPATCHER_METRICS_PORT = 9405;

runServiceProcess({ name: 'dispatcher', serviceName: 'credit-dispatcher', metricsPortVariable: 'DISPATCHER_METRICS_PORT', defaultMetricsPort: DISPATCHER_METRICS_PORT }, async (env) => {
  const logger = createLogger('dispatcher', env);
  const prefix = dbPrefixFromEnv(env);
  const store = await openMonitoringStore(storageConfigFromEnv(env, 'monitoring'), databaseName(prefix, 'monitoring'), env);
  // deliveries are recorded in the gateway's audit trail, as its own disclosures are
  const auditStore = await openAuditStore(storageConfigFromEnv(env, 'audit'), databaseName(prefix, 'audit'), env);
  const audit = new AuditLog((events) => auditStore.append(events), { onError: (err, pending) => logger.error({ err, pending }, 'audit write failed') });
  // one outbox per subgraph database, named as the catalogue names the subgraphs
  const feeds = await Promise.all(Object.values(SUBGRAPH_OF).map(async (name) => ({ source: name, feed: await openChangeFeed(storageConfigFromEnv(env, name), databaseName(prefix, name), env) })));
  const dispatcher = new Dispatcher({
    store,
    feeds,
    policy: endpointPolicyFromEnv(env),
    logger,
    audit,
    owners: ownerRightsFromEnv(env),
    regions: directoryRegions(
      httpUrl(env, 'IDENTITY_SUBGRAPH_URL', 'http://127.0.0.1:4001/graphql'),
      hopKeyFromEnv(env, DEV_HOP_KEY_FILE),
      dispatcherToken(httpUrl(env, 'KEYCLOAK_URL', 'http://localhost:8080'), env),
    ),
    timeoutMs: positiveInt(env, 'WEBHOOK_TIMEOUT_MS', 10_000),
    retryForMs: positiveInt(env, 'WEBHOOK_RETRY_FOR_MS', 86_400_000),
    maxBackoffMs: positiveInt(env, 'WEBHOOK_MAX_BACKOFF_MS', 3_600_000),
  });
  // one dispatcher per deployment: a second one stands by until the first one's session ends
  let role = await store.tryDispatcherRole();
  if (!role) process.stdout.write('another dispatcher is running; standing by\n');
  while (!role) {
    await new Promise((r) => setTimeout(r, 2_000));
    role = await store.tryDispatcherRole().catch(() => null);
  }
  const held = role;
  dispatcher.start();
  return {
    ready: 'dispatcher running',
    stop: async () => {
      await dispatcher.stop();
      await held.release();
      for (const { feed } of feeds) await feed.close();
      await audit.close();
      await auditStore.close();
      await store.close();
    },
  };
});
