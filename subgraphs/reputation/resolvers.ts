// Reputation subgraph resolvers, derived from the catalogue.
import { enforce } from '../../auth/access';
import { checkBidders } from '../../auth/policy';
import { categoryResolverMap } from '../kit/category-subgraph';
import { ruleHitResolvers } from '../kit/bidder-check';
import type { SubgraphContext } from '../kit/context';
import { reputationHits } from './bidder-hits';
import { scenarioHits, type ScenarioHitsArgs } from '../kit/scenario-hits';

export const resolvers = categoryResolverMap('REPUTATION', {
  ...ruleHitResolvers,
  Query: {
    reputationScenarioHits: (_root: unknown, args: ScenarioHitsArgs, ctx: SubgraphContext) => scenarioHits('REPUTATION', args, ctx),
  },
  BidderVerdict: {
    __resolveReference: (ref: { checkId: string }, ctx: SubgraphContext) => {
      enforce(checkBidders(ctx.caller));
      return ref;
    },
    reputationHits: (ref: { checkId: string }, _args: unknown, ctx: SubgraphContext) => reputationHits(ref, ctx),
  },
});
