// The adverse subgraph's definition.
import { categorySubgraph, type SubgraphDeps } from '../common/category-subgraph';
import type { Database } from '../common/mongo';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';

export const adverseSubgraph = (database: Database, deps: SubgraphDeps) => categorySubgraph('adverse', 'ADVERSE', database, deps, typeDefs, resolvers);
