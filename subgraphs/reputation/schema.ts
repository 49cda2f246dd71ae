// Reputation subgraph schema: Good reputation (优良信誉): RP01–RP09.
import { RULE_HIT_SDL } from '../kit/bidder-check';
import { categoryTypeDefsFor } from '../kit/category-subgraph';
import { SCENARIO_HITS_SDL } from '../kit/scenario-hits';

export const typeDefs = categoryTypeDefsFor('REPUTATION', 'Good reputation (优良信誉): RP01–RP09.', {
  sdl: `${RULE_HIT_SDL}

"One bidder of a bidder check; this subgraph adds the required-qualification rule (BR08)."
type BidderVerdict @key(fields: "checkId") {
  checkId: ID!
  reputationHits: [RuleHit!]! @inaccessible
}
${SCENARIO_HITS_SDL('reputationScenarioHits')}`,
});
