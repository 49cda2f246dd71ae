// Economic subgraph resolvers, derived from the catalogue.
import { categoryResolverMap } from '../kit/category-subgraph';

export const resolvers = categoryResolverMap('ECONOMIC');
