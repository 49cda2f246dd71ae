// The economic subgraph's definition: balance-sheet figures are checked against each other (R05).
import { categorySubgraph, type SubgraphDeps } from '../common/category-subgraph';
import type { Database } from '../common/mongo';
import { equityWarnings } from './equity-check';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';

export const economicSubgraph = (database: Database, deps: SubgraphDeps) =>
  categorySubgraph('economic', 'ECONOMIC', database, deps, typeDefs, resolvers, (store) => ({ warningsFor: equityWarnings(store) }));
