// The cluster's topology (scripts/cluster/topology.yaml), read and checked once: every part, its
// host and ports. The files a deployment copies and the processes on this machine both come from it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { LOCAL } from '../../platform/paths';
import { SUBGRAPHS } from '../../subgraphs/index';

const port = z.number().int().min(1).max(65_535);
const host = z.string().min(1);
const subgraphMap = <T extends z.ZodType>(value: T) => z.object(Object.fromEntries(SUBGRAPHS.map((s) => [s.name, value])) as Record<'identity' | 'adverse' | 'reputation' | 'economic', T>).strict();

const TopologySchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/),
    etcd: z.object({ members: z.array(z.object({ name: z.string(), host, clientPort: port, peerPort: port }).strict()).min(1) }).strict(),
    postgres: z
      .object({
        version: z.number().int(),
        synchronous: z.boolean(),
        nodes: z.array(z.object({ name: z.string().regex(/^[a-z][a-z0-9]*$/), host, port, restPort: port }).strict()).min(2),
      })
      .strict(),
    haproxy: z.object({ host, statsPort: port, primaryPort: port, readPort: port, gatewayPort: port, subgraphPorts: subgraphMap(port) }).strict(),
    redis: z.object({ host, port }).strict(),
    keycloak: z.object({ host, port }).strict(),
    gateways: z.array(port).min(1),
    subgraphs: subgraphMap(z.array(port).min(1)),
    dispatchers: z.array(port).min(1),
    webhookLoopbackPorts: z.array(port),
  })
  .strict();

export type Topology = z.infer<typeof TopologySchema>;

export const TOPOLOGY_FILE = path.join(__dirname, 'topology.yaml');

export function readTopology(file = TOPOLOGY_FILE): Topology {
  const parsed = TopologySchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The variables the running cluster's services read (written by `npm run cluster`): its URLs and keys. */
export function clusterServicesEnv(file = path.join(LOCAL, 'cluster', 'services.env')): Record<string, string> {
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

/** Where an instance serves its metrics. */
export const metricsPortOf = (instancePort: number) => instancePort + 5000;
