// Entry point of the gateway process. Exits non-zero when it cannot start.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { keycloakOptionsFromEnv } from '../auth/config';
import { TokenValidator } from '../auth/token-validator';
import { gatewayPort, limitsFromEnv } from './config';
import { startGateway } from './server';
import { databaseName, dbPrefixFromEnv, openAuditStore, openReportRegistry, storageConfigFromEnv } from '../storage/index';
import { reportSettingsFromEnv } from './reports/report-config';
import { LOCAL } from '../scripts/services/paths';
import { SUBGRAPH_OF } from '../schema/catalogue';
import { AuditLog, DEFAULT_AUDIT_OPTIONS } from './audit/audit-log';
import { createLogger } from '../common/logger';
import { startTelemetry } from '../common/telemetry';
import { metricsListenerFromEnv, startMetricsListener } from '../common/metrics-server';

/** Where the gateway's metrics are served unless GATEWAY_METRICS_PORT says otherwise. */
export const GATEWAY_METRICS_PORT = 9400;

async function main(): Promise<void> {
  const env = process.env;
  const telemetry = startTelemetry('credit-gateway', env);
  const logger = createLogger('gateway', env);
  const metrics = await startMetricsListener(metricsListenerFromEnv(env, 'GATEWAY_METRICS_PORT', GATEWAY_METRICS_PORT));
  const supergraphPath = env['SUPERGRAPH_PATH'] ?? path.resolve(__dirname, '../schema/supergraph.graphql');
  const store = await openAuditStore(storageConfigFromEnv(env, 'audit'), databaseName(dbPrefixFromEnv(env), 'audit'), env);
  const log = new AuditLog((events) => store.append(events), {
    ...DEFAULT_AUDIT_OPTIONS,
    onError: (err, pending) => logger.error({ err, pending }, 'audit write failed; the events are kept and retried'),
  });
  const running = await startGateway({
    audit: { log, store },
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    subgraphUrls: subgraphUrlsFromEnv(env),
    validator: new TokenValidator(keycloakOptionsFromEnv(env)),
    limits: limitsFromEnv(env),
    logger,
    reports: {
      ...reportSettingsFromEnv(env, { devKeyFile: path.join(LOCAL, 'data', 'report-signing-key.pem'), publicUrl: `http://127.0.0.1:${gatewayPort(env)}` }),
      registry: await openReportRegistry(storageConfigFromEnv(env, 'audit'), databaseName(dbPrefixFromEnv(env), 'audit'), env),
    },
    port: gatewayPort(env),
    host: env['BIND_HOST'],
  });
  process.stdout.write(`gateway ready at ${running.url}; metrics at ${metrics.url}${telemetry.enabled ? '; traces exported over OTLP' : ''}\n`);
  const shutdown = async () => {
    await running.stop();
    await store.close();
    await metrics.stop();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

/** `<NAME>_SUBGRAPH_URL` (e.g. IDENTITY_SUBGRAPH_URL) overrides a routing URL of the supergraph. */
function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.values(SUBGRAPH_OF).flatMap((name) => {
      const url = env[`${name.toUpperCase()}_SUBGRAPH_URL`];
      return url ? [[name, url]] : [];
    }),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`gateway failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
