// The entry point of every process of the system: `tsx launcher/main.ts <service>`, where service
// is gateway, identity, adverse, reputation, economic or dispatcher. It reads the one
// configuration from the environment and starts that service.
import { createLogger } from '../platform/logger';
import { runServiceProcess } from '../platform/service-process';
import { SUBGRAPHS, subgraphMetricsPort, type SubgraphName } from '../subgraphs/index';
import { SERVICE_NAMES, systemConfigFromEnv, type ServiceName } from './config';
import { startDispatcherService, startGatewayService, startSubgraphService } from './services';

/** Where each process serves its metrics unless <NAME>_METRICS_PORT says otherwise. */
export const METRICS_PORTS: Readonly<Record<ServiceName, number>> = {
  gateway: 9400,
  ...(Object.fromEntries(SUBGRAPHS.map((s) => [s.name, subgraphMetricsPort(s)])) as Record<SubgraphName, number>),
  dispatcher: 9405,
};

const name = process.argv[2] as ServiceName | undefined;
if (!name || !SERVICE_NAMES.includes(name)) {
  process.stderr.write(`usage: launcher/main.ts <${SERVICE_NAMES.join('|')}>\n`);
  process.exit(1);
}
const isSubgraph = (n: ServiceName): n is SubgraphName => SUBGRAPHS.some((s) => s.name === n);

runServiceProcess(
  { name: isSubgraph(name) ? `${name} subgraph` : name, serviceName: `credit-${name}`, metricsPortVariable: `${name.toUpperCase()}_METRICS_PORT`, defaultMetricsPort: METRICS_PORTS[name] },
  async (env) => {
    const config = systemConfigFromEnv(env);
    const logger = createLogger(name, env);
    if (name === 'gateway') {
      const urls = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, config.subgraphs[s.name].url])) as Record<SubgraphName, string>;
      return startGatewayService(config, logger, urls);
    }
    if (name === 'dispatcher') return startDispatcherService(config, logger);
    return startSubgraphService(name, config, logger, {
      identityUrl: () => config.subgraphs.identity.url,
      subgraphUrl: (sub) => config.subgraphs[sub].url,
      gatewayUrl: () => config.gatewayUrl,
      displayWindows: true,
    });
  },
);
