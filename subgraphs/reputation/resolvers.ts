// Reputation subgraph resolvers, derived from the catalogue.
import { categoryResolverMap } from '../common/category-subgraph';

export const resolvers = categoryResolverMap('REPUTATION');
