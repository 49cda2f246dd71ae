// The reputation subgraph's definition.
import { categorySubgraph, type SubgraphDeps } from '../common/category-subgraph';
import type { Database } from '../common/mongo';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';

export const reputationSubgraph = (database: Database, deps: SubgraphDeps) => categorySubgraph('reputation', 'REPUTATION', database, deps, typeDefs, resolvers);
