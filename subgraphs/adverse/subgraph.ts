// The adverse subgraph's definition.
import { categorySubgraph } from '../common/category-subgraph';
import type { Database } from '../common/mongo';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';

export const adverseSubgraph = (database: Database) => categorySubgraph('adverse', database, typeDefs, resolvers);
