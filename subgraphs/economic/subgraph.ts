// The economic subgraph's definition: balance-sheet figures are checked against each other (R05).
import { categorySubgraph, type SubgraphDeps } from '../kit/category-subgraph';
import type { SubgraphStorage } from '../../storage/port';
import { equityWarnings } from './equity-check';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';

export const economicSubgraph = (storage: SubgraphStorage, deps: SubgraphDeps) => categorySubgraph('economic', 'ECONOMIC', storage, deps, typeDefs, resolvers, { warningsFor: equityWarnings });
