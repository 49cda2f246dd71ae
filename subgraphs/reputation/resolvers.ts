// Reputation subgraph resolvers, derived from the catalogue.
import { categoryResolverMap } from '../common/category-subgraph';
import type { SubgraphContext } from '../common/context';
import { reputationHits } from './bidder-hits';

export const resolvers = categoryResolverMap('REPUTATION', {
  BidderVerdict: {
    __resolveReference: (ref: { checkId: string }) => ref,
    reputationHits: (ref: { checkId: string }, _args: unknown, ctx: SubgraphContext) => reputationHits(ref, ctx),
  },
});
