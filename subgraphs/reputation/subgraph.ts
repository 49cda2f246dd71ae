// The reputation subgraph's definition.
import { categorySubgraph, type SubgraphDeps } from '../kit/category-subgraph';
import type { SubgraphStorage } from '../../storage/port';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';

export const reputationSubgraph = (storage: SubgraphStorage, deps: SubgraphDeps) => categorySubgraph('reputation', 'REPUTATION', storage, deps, typeDefs, resolvers);
