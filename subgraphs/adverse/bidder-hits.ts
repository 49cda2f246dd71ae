// The adverse subgraph's part of a bidder check: BR01–BR06 and BR09–BR12 on the bidder's records,
// and BR02 on its legal representative, matched by keyed ID hash only.
import { firingRecords, RULE_LOGIC } from '../../schema/bidding/rules';
import { BIDDING_RULES, indicatorByCode } from '../../schema/catalogue';
import { decodeCheckId, hit, type RuleHit } from '../kit/bidder-check';
import type { SubgraphContext } from '../kit/context';
import { toView } from '../kit/indicator-resolvers';

export interface AdverseVerdictRef {
  readonly checkId: string;
  readonly legalRepresentative?: { personKey: string; maskedIdNumber: string | null } | null;
}

const ENTERPRISE_RULES = BIDDING_RULES.filter((r) => indicatorByCode(r.indicator)?.category === 'ADVERSE' && RULE_LOGIC[r.id]?.kind !== 'PERSON_ACTIVE_ENTRY');
const PERSON_RULES = BIDDING_RULES.filter((r) => RULE_LOGIC[r.id]?.kind === 'PERSON_ACTIVE_ENTRY');

function allAttributes(code: string): string[] {
  return (indicatorByCode(code)?.attributes ?? []).map((a) => a.name).sort();
}

export async function adverseHits(ref: AdverseVerdictRef, ctx: SubgraphContext): Promise<RuleHit[]> {
  const key = decodeCheckId(ref.checkId);
  if (!key.found) return [];
  const hits: RuleHit[] = [];
  const perRule = await Promise.all(
    ENTERPRISE_RULES.map(async (rule) => {
      const stored = await ctx.records.load({ uscc: key.uscc, indicator: rule.indicator, fields: allAttributes(rule.indicator) });
      return { rule, views: stored.map(toView) };
    }),
  );
  for (const { rule, views } of perRule) for (const r of firingRecords(rule, views, key.bidDate)) hits.push(hit(rule.id, r.id, r.data));
  const person = ref.legalRepresentative;
  if (person?.personKey) {
    for (const rule of PERSON_RULES) {
      const stored = await ctx.personRecords.load({ personHash: person.personKey, indicator: rule.indicator });
      for (const r of firingRecords(rule, stored.map(toView), key.bidDate)) hits.push(hit(rule.id, r.id, r.data, { maskedId: person.maskedIdNumber ?? undefined }));
    }
  }
  return hits;
}
