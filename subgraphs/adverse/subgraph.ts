// The adverse subgraph's definition.
import { categorySubgraph, type SubgraphDeps } from '../kit/category-subgraph';
import type { SubgraphStorage } from '../../storage/port';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';

export const adverseSubgraph = (storage: SubgraphStorage, deps: SubgraphDeps) => categorySubgraph('adverse', 'ADVERSE', storage, deps, typeDefs, resolvers);
