// Joint-punishment rules (失信联合惩戒) applied to bidders. The rule-set version bidder checks report is
// this release number and a hash of the rules and their evaluation (schema/bidding/rules.ts).
// A record under objection (异议) counts as it stands: an objection marks a record as disputed, it
// does not suspend it (《征信业管理条例》 art. 25); the hit shows the objection.
import type { BiddingRule } from './types';

export const RULES_RELEASE = '1.0';

export const BIDDING_RULES: readonly BiddingRule[] = [
  { id: 'BR01', verdict: 'DISQUALIFIED', indicator: 'AD08', when: 'the bidder itself is on the dishonest judgment debtor list (not removed)' },
  { id: 'BR02', verdict: 'DISQUALIFIED', indicator: 'AD08', when: "the bidder's legal representative (matched by ID-number hash) is a listed dishonest judgment debtor (任职限制)" },
  { id: 'BR03', verdict: 'DISQUALIFIED', indicator: 'AD03', when: 'on the serious violation list (not removed)' },
  { id: 'BR04', verdict: 'DISQUALIFIED', indicator: 'AD05', when: 'a major tax violation case announced within 3 years before the bid date' },
  { id: 'BR05', verdict: 'DISQUALIFIED', indicator: 'AD12', when: 'a bidding or procurement ban whose [banFrom, banUntil] covers the bid date' },
  { id: 'BR06', verdict: 'DISQUALIFIED', indicator: 'AD07', when: 'on the wage arrears list on the bid date' },
  { id: 'BR07', verdict: 'DISQUALIFIED', indicator: 'ID07', when: 'operating status is not ACTIVE' },
  {
    id: 'BR08',
    verdict: 'DISQUALIFIED',
    indicator: 'RP02',
    when: 'the check names a required qualification type and minimum grade and the bidder holds no valid certificate of that type at that grade or higher on the bid date',
  },
  { id: 'BR09', verdict: 'WARN', indicator: 'AD02', when: 'on the abnormal operations list (not removed)' },
  { id: 'BR10', verdict: 'WARN', indicator: 'AD01', when: 'a SERIOUS penalty decided within 3 years, or a GENERAL one within 1 year, before the bid date' },
  { id: 'BR11', verdict: 'WARN', indicator: 'AD04', when: 'tax arrears not cleared' },
  { id: 'BR12', verdict: 'WARN', indicator: 'AD10', when: 'a failed quality inspection within 1 year before the bid date' },
];
