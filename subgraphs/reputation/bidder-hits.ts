// The reputation subgraph's part of a bidder check: BR08, the required qualification grade.
import { qualificationMet } from '../../schema/bidding/rules';
import { indicatorByCode } from '../../schema/catalogue';
import { decodeCheckId, hit, type RuleHit } from '../kit/bidder-check';
import type { SubgraphContext } from '../kit/context';
import { toView } from '../kit/indicator-resolvers';

// BR08 (required qualification) reads this indicator (schema/catalogue/bidding-rules.ts)
const QUALIFICATIONS = 'RP02';
const FIELDS = (indicatorByCode(QUALIFICATIONS)?.attributes ?? []).map((a) => a.name).sort();

export async function reputationHits(ref: { checkId: string }, ctx: SubgraphContext): Promise<RuleHit[]> {
  const key = decodeCheckId(ref.checkId);
  const need = key.qualification;
  if (!key.found || !need) return [];
  const stored = await ctx.records.load({ uscc: key.uscc, indicator: QUALIFICATIONS, fields: FIELDS });
  if (qualificationMet(need, stored.map(toView), key.bidDate)) return [];
  return [hit('BR08', null, {}, { type: need.type, minGrade: need.minGrade })];
}
