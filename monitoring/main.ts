// Entry point of the dispatcher process: reads the four subgraphs' outboxes and delivers webhooks.
// One dispatcher per deployment. Exits non-zero when it cannot start.
import { createLogger } from '../common/logger';
import { positiveInt } from '../common/env';
import { metricsListenerFromEnv, startMetricsListener } from '../common/metrics-server';
import { startTelemetry } from '../common/telemetry';
import { databaseName, dbPrefixFromEnv, openChangeFeed, openMonitoringStore, storageConfigFromEnv } from '../storage/index';
import { SUBGRAPHS } from '../subgraphs/index';
import { Dispatcher } from './dispatcher';
import { endpointPolicyFromEnv } from './endpoint';

/** Where the dispatcher's metrics are served unless DISPATCHER_METRICS_PORT says otherwise. */
export const DISPATCHER_METRICS_PORT = 9405;

async function main(): Promise<void> {
  const env = process.env;
  const telemetry = startTelemetry('credit-dispatcher', env);
  const logger = createLogger('dispatcher', env);
  const metrics = await startMetricsListener(metricsListenerFromEnv(env, 'DISPATCHER_METRICS_PORT', DISPATCHER_METRICS_PORT));
  const prefix = dbPrefixFromEnv(env);
  const store = await openMonitoringStore(storageConfigFromEnv(env, 'monitoring'), databaseName(prefix, 'monitoring'), env);
  const feeds = await Promise.all(SUBGRAPHS.map(async (s) => ({ source: s.name, feed: await openChangeFeed(storageConfigFromEnv(env, s.name), databaseName(prefix, s.name), env) })));
  const dispatcher = new Dispatcher({
    store,
    feeds,
    policy: endpointPolicyFromEnv(env),
    logger,
    timeoutMs: positiveInt(env, 'WEBHOOK_TIMEOUT_MS', 10_000),
    retryForMs: positiveInt(env, 'WEBHOOK_RETRY_FOR_MS', 86_400_000),
    maxBackoffMs: positiveInt(env, 'WEBHOOK_MAX_BACKOFF_MS', 3_600_000),
  });
  let stopping = false;
  let role: Awaited<ReturnType<typeof store.tryDispatcherRole>> = null;
  const shutdown = async () => {
    stopping = true;
    await dispatcher.stop();
    await role?.release();
    for (const { feed } of feeds) await feed.close();
    await store.close();
    await metrics.stop();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
  // one dispatcher per deployment: a second one stands by until the first one's session ends
  role = await store.tryDispatcherRole();
  if (!role) process.stdout.write('another dispatcher is running; standing by\n');
  while (!role && !stopping) {
    await new Promise((r) => setTimeout(r, 2_000));
    role = await store.tryDispatcherRole().catch(() => null);
  }
  if (stopping) return;
  dispatcher.start();
  process.stdout.write(`dispatcher running; metrics at ${metrics.url}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`dispatcher failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
