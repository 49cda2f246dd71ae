// Entry point of the gateway process.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { keycloakOptionsFromEnv } from '../auth/config';
import { TokenValidator } from '../auth/token-validator';
import { gatewayPort, limitsFromEnv } from './config';
import { startGateway } from './server';
import { databaseName, dbPrefixFromEnv, openAuditStore, openReportRegistry, storageConfigFromEnv } from '../storage/index';
import { reportSettingsFromEnv } from '../reports/report-config';
import { trustedDocumentsFromEnv } from './trusted-documents';
import { consoleSettingsFromEnv } from './console';
import { DEV_HOP_KEY_FILE, LOCAL } from '../platform/paths';
import { hopKeyFromEnv } from '../platform/hop-signature';
import { SUBGRAPH_OF } from '../schema/catalogue';
import { AuditLog, DEFAULT_AUDIT_OPTIONS } from '../audit/audit-log';
import { createLogger } from '../platform/logger';
import { runServiceProcess } from '../platform/service-process';

/** Where the gateway's metrics are served unless GATEWAY_METRICS_PORT says otherwise. */
export const GATEWAY_METRICS_PORT = 9400;

runServiceProcess({ name: 'gateway', serviceName: 'credit-gateway', metricsPortVariable: 'GATEWAY_METRICS_PORT', defaultMetricsPort: GATEWAY_METRICS_PORT }, async (env) => {
  const logger = createLogger('gateway', env);
  const supergraphPath = env['SUPERGRAPH_PATH'] ?? path.resolve(__dirname, '../schema/supergraph.graphql');
  const store = await openAuditStore(storageConfigFromEnv(env, 'audit'), databaseName(dbPrefixFromEnv(env), 'audit'), env);
  const log = new AuditLog((events) => store.append(events), {
    ...DEFAULT_AUDIT_OPTIONS,
    onError: (err, pending) => logger.error({ err, pending }, 'audit write failed; the events are kept and retried'),
  });
  const keycloak = keycloakOptionsFromEnv(env);
  const running = await startGateway({
    audit: { log, store },
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    subgraphUrls: subgraphUrlsFromEnv(env),
    hopKey: hopKeyFromEnv(env, DEV_HOP_KEY_FILE),
    validator: new TokenValidator({ ...keycloak, logger }),
    console: consoleSettingsFromEnv(env, keycloak),
    limits: limitsFromEnv(env),
    trustedDocuments: trustedDocumentsFromEnv(env),
    logger,
    reports: {
      ...reportSettingsFromEnv(env, { devKeyFile: path.join(LOCAL, 'data', 'report-signing-key.pem'), publicUrl: `http://127.0.0.1:${gatewayPort(env)}` }),
      registry: await openReportRegistry(storageConfigFromEnv(env, 'audit'), databaseName(dbPrefixFromEnv(env), 'audit'), env),
    },
    port: gatewayPort(env),
    host: env['BIND_HOST'],
  });
  return {
    ready: `gateway ready at ${running.url}`,
    stop: async () => {
      await running.stop();
      await store.close();
    },
  };
});

/** `<NAME>_SUBGRAPH_URL` (e.g. IDENTITY_SUBGRAPH_URL) overrides a routing URL of the supergraph. */
function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.values(SUBGRAPH_OF).flatMap((name) => {
      const url = env[`${name.toUpperCase()}_SUBGRAPH_URL`];
      return url ? [[name, url]] : [];
    }),
  );
}
