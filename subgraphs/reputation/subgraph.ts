// The reputation subgraph's definition.
import { categorySubgraph } from '../common/category-subgraph';
import type { Database } from '../common/mongo';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';

export const reputationSubgraph = (database: Database) => categorySubgraph('reputation', database, typeDefs, resolvers);
