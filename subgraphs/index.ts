// The four subgraphs: one list feeds composition, the start scripts and the tests alike.
import type { Category } from '../schema/catalogue';
import { adverseSubgraph } from './adverse/subgraph';
import type { SubgraphDeps } from './kit/category-subgraph';
import type { SubgraphStorage } from '../storage/port';
import type { SubgraphDefinition } from './kit/subgraph-server';
import { economicSubgraph } from './economic/subgraph';
import { identitySubgraph } from './identity/subgraph';
import { reputationSubgraph } from './reputation/subgraph';
import { typeDefs as adverseTypeDefs } from './adverse/schema';
import { typeDefs as economicTypeDefs } from './economic/schema';
import { typeDefs as identityTypeDefs } from './identity/schema';
import { typeDefs as reputationTypeDefs } from './reputation/schema';
import { port } from '../platform/env';

export type SubgraphName = 'identity' | 'adverse' | 'reputation' | 'economic';

export interface SubgraphEntry {
  readonly name: SubgraphName;
  readonly category: Category;
  readonly defaultPort: number;
  readonly typeDefs: string;
  readonly create: (storage: SubgraphStorage, deps: SubgraphDeps) => SubgraphDefinition;
}

/** The port a subgraph listens on: `<NAME>_PORT`, else its place in the table below. */
export function subgraphPort(entry: Pick<SubgraphEntry, 'name' | 'defaultPort'>, env: NodeJS.ProcessEnv): number {
  return port(env, `${entry.name.toUpperCase()}_PORT`, entry.defaultPort);
}

/** Each subgraph serves its metrics on 9400 plus its place in SUBGRAPHS (the gateway has 9400). */
export function subgraphMetricsPort(entry: Pick<SubgraphEntry, 'name'>): number {
  return 9401 + SUBGRAPHS.findIndex((s) => s.name === entry.name);
}

/** The one table of ports; rover.yaml's routing URLs name the same (a unit test compares them). */
export const SUBGRAPHS: readonly SubgraphEntry[] = [
  { name: 'identity', category: 'IDENTITY', defaultPort: 4001, typeDefs: identityTypeDefs, create: identitySubgraph },
  { name: 'adverse', category: 'ADVERSE', defaultPort: 4002, typeDefs: adverseTypeDefs, create: adverseSubgraph },
  { name: 'reputation', category: 'REPUTATION', defaultPort: 4003, typeDefs: reputationTypeDefs, create: reputationSubgraph },
  { name: 'economic', category: 'ECONOMIC', defaultPort: 4004, typeDefs: economicTypeDefs, create: economicSubgraph },
];
