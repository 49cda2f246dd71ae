// The four subgraphs and the gateway in one process, on free ports: for tests and benchmarks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { keycloakOptionsFromEnv } from '../auth/config';
import { TokenValidator } from '../auth/token-validator';
import { limitsFromEnv } from '../gateway/config';
import { AuditLog } from '../audit/audit-log';
import { startGateway, type RunningGateway } from '../gateway/server';
import { databaseName, dropStorage, openAuditStore, openMonitoringStore, openReportRegistry, openSubgraphStorage, type StorageConfig } from '../storage/index';
import { endpointPolicyFromEnv } from '../monitoring/endpoint';
import { reportSettingsFromEnv } from '../reports/report-config';
import { trustedDocumentsFromEnv } from '../gateway/trusted-documents';
import type { ConsoleSettings } from '../gateway/console';
import { DEV_HOP_KEY_FILE, LOCAL } from '../platform/paths';
import { hopKeyFromEnv } from '../platform/hop-signature';
import type { AuditStore, MonitoringStore, SubgraphStorage } from '../storage/port';
import { personHashKeyFromEnv } from '../schema/person-hash';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/kit/subgraph-server';
import { SUBGRAPHS, type SubgraphName } from '../subgraphs/index';
import type { Logger } from '../platform/logger';

export interface InProcessSystem {
  readonly gateway: RunningGateway;
  /** The key the gateway signs its subgraph requests with. */
  readonly hopKey: string;
  /** The gateway's audit trail. */
  readonly audit: AuditStore;
  readonly subgraphs: Record<SubgraphName, { running: RunningSubgraph; storage: SubgraphStorage }>;
  /** Watches and their events (PostgreSQL deployments). */
  readonly monitoring?: MonitoringStore;
  stop(options?: { dropDatabases?: boolean }): Promise<void>;
}

export const SUPERGRAPH_SDL = readFileSync(path.resolve(__dirname, '../schema/supergraph.graphql'), 'utf8');

/** Where the gateway listens (default: a free port) and whether it serves the web console. */
export interface InProcessGatewayOptions {
  readonly port?: number;
  readonly console?: ConsoleSettings;
}

export async function startInProcessSystem(
  config: StorageConfig,
  dbPrefix: string,
  env: NodeJS.ProcessEnv = process.env,
  logger?: Logger,
  gatewayOptions: InProcessGatewayOptions = {},
): Promise<InProcessSystem> {
  const validator = new TokenValidator({ ...keycloakOptionsFromEnv(env), ...(logger ? { logger } : {}) });
  const subgraphs = {} as Record<SubgraphName, { running: RunningSubgraph; storage: SubgraphStorage }>;
  // identity is first in SUBGRAPHS, so its URL is known before the others need it
  // the gateway starts after the subgraphs; its URL is read when a request needs it
  let gatewayUrl = '';
  // watches live in PostgreSQL only: on the MongoDB adapter the system runs without monitoring
  const monitoring = config.kind === 'postgres' ? await openMonitoringStore(config, databaseName(dbPrefix, 'monitoring'), env) : undefined;
  const hopKey = hopKeyFromEnv(env, DEV_HOP_KEY_FILE);
  const deps = {
    identityUrl: () => subgraphs.identity.running.url,
    hopKey,
    gatewayUrl: () => gatewayUrl,
    personHashKey: personHashKeyFromEnv(env),
    ...(monitoring ? { monitoring: { store: monitoring, policy: endpointPolicyFromEnv(env) } } : {}),
  };
  for (const entry of SUBGRAPHS) {
    const storage = await openSubgraphStorage(config, databaseName(dbPrefix, entry.name), env);
    const running = await startSubgraph(entry.create(storage, deps), { storage, validator, hopKey, port: 0, ...(logger ? { logger: logger.child({ service: entry.name }) } : {}) });
    subgraphs[entry.name] = { running, storage };
  }
  const audit = await openAuditStore(config, databaseName(dbPrefix, 'audit'), env);
  const registry = await openReportRegistry(config, databaseName(dbPrefix, 'audit'), env);
  const gateway = await startGateway({
    audit: { log: new AuditLog((events) => audit.append(events)), store: audit },
    reports: { ...reportSettingsFromEnv(env, { devKeyFile: path.join(LOCAL, 'data', 'report-signing-key.pem'), publicUrl: 'http://127.0.0.1:4000' }), registry },
    supergraphSdl: SUPERGRAPH_SDL,
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, subgraphs[s.name].running.url])),
    hopKey,
    validator,
    limits: limitsFromEnv(env),
    trustedDocuments: trustedDocumentsFromEnv(env),
    port: gatewayOptions.port ?? 0,
    ...(gatewayOptions.console ? { console: gatewayOptions.console } : {}),
    ...(logger ? { logger: logger.child({ service: 'gateway' }) } : {}),
  });
  gatewayUrl = gateway.url.replace(/\/graphql$/, '');
  return {
    gateway,
    hopKey,
    audit,
    subgraphs,
    ...(monitoring ? { monitoring } : {}),
    async stop(options = {}) {
      await gateway.stop();
      await audit.close();
      if (options.dropDatabases) await dropStorage(config, databaseName(dbPrefix, 'audit'));
      await monitoring?.close();
      if (monitoring && options.dropDatabases) await dropStorage(config, databaseName(dbPrefix, 'monitoring'));
      for (const [name, { running, storage }] of Object.entries(subgraphs)) {
        await running.stop();
        await storage.close();
        if (options.dropDatabases) await dropStorage(config, databaseName(dbPrefix, name));
      }
    },
  };
}
