// The whole system in one process, each service on any free port: what the tests and some
// benchmarks run. The services are the ones the processes run (launcher/services.ts), from the
// same configuration.
import { dropStorage, databaseName } from '../storage/index';
import type { AuditStore, MonitoringStore, SubgraphStorage } from '../storage/port';
import type { RunningGateway } from '../gateway/server';
import { createLogger, type Logger } from '../platform/logger';
import { SUBGRAPHS, type SubgraphName } from '../subgraphs/index';
import type { RunningSubgraph } from '../subgraphs/kit/subgraph-server';
import type { SystemConfig } from './config';
import { startGatewayService, startSubgraphService, type StartedSubgraph } from './services';

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

/** The gateway's port in one process: any free one unless given (the console's tests need a fixed one). */
export async function startInProcessSystem(config: SystemConfig, options: { logger?: Logger; gatewayPort?: number } = {}): Promise<InProcessSystem> {
  const logger = options.logger ?? createLogger('system', config.env);
  const started = {} as Record<SubgraphName, StartedSubgraph>;
  // the gateway starts after the subgraphs; the identity subgraph reads its URL when a request needs it
  let gatewayUrl = '';
  // identity is first in SUBGRAPHS, so its URL is known before the others need it
  for (const entry of SUBGRAPHS) {
    started[entry.name] = await startSubgraphService(entry.name, config, logger.child({ service: entry.name }), {
      identityUrl: () => started.identity.running.url,
      // read when a check runs: by then every subgraph has started
      subgraphUrl: (name) => started[name].running.url,
      gatewayUrl: () => gatewayUrl,
      displayWindows: false,
      port: 0,
    });
  }
  const urls = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, started[s.name].running.url])) as Record<SubgraphName, string>;
  const gateway = await startGatewayService({ ...config, gateway: { ...config.gateway, port: options.gatewayPort ?? 0 } }, logger.child({ service: 'gateway' }), urls);
  gatewayUrl = gateway.running.url.replace(/\/graphql$/, '');
  const monitoring = started.identity.monitoring;
  return {
    gateway: gateway.running,
    hopKey: config.hopKey,
    audit: gateway.audit,
    subgraphs: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, { running: started[s.name].running, storage: started[s.name].storage }])) as InProcessSystem['subgraphs'],
    ...(monitoring ? { monitoring } : {}),
    async stop(stopOptions = {}) {
      await gateway.stop();
      for (const s of SUBGRAPHS) await started[s.name].stop();
      if (!stopOptions.dropDatabases) return;
      for (const part of ['audit', 'monitoring', ...SUBGRAPHS.map((s) => s.name)]) {
        const store = config.storage(part);
        // watches live in PostgreSQL only
        if (part === 'monitoring' && store.kind !== 'postgres') continue;
        await dropStorage(store, databaseName(config.dbPrefix, part));
      }
    },
  };
}
