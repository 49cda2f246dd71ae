// The economic subgraph's definition.
import { categorySubgraph, type SubgraphDeps } from '../common/category-subgraph';
import type { Database } from '../common/mongo';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';

export const economicSubgraph = (database: Database, deps: SubgraphDeps) => categorySubgraph('economic', 'ECONOMIC', database, deps, typeDefs, resolvers);
