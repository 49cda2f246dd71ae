// The economic subgraph's definition.
import { categorySubgraph } from '../common/category-subgraph';
import type { Database } from '../common/mongo';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';

export const economicSubgraph = (database: Database) => categorySubgraph('economic', database, typeDefs, resolvers);
