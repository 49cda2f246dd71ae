// What the subgraphs share for bidderCheck: the BidderVerdict entity's key (a check id carrying
// the bidder, the bid date and the required qualification, so every subgraph evaluates the same
// check) and the RuleHit value type.
import type { QualificationRequirement } from '../../schema/bidding/rules';
import { ruleById } from '../../schema/bidding/rules';
import { SUMMARIES } from '../../schema/bidding/summaries';
import type { SubgraphContext } from './context';
import { objectionView } from '../../objections/graphql';

export interface CheckKey {
  readonly uscc: string;
  readonly bidDate: string;
  readonly qualification?: QualificationRequirement;
  /** False for a code that is invalid or unknown: no rule is evaluated. */
  readonly found: boolean;
}

export function encodeCheckId(key: CheckKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCheckId(checkId: string): CheckKey {
  const key = JSON.parse(Buffer.from(checkId, 'base64url').toString('utf8')) as CheckKey;
  if (typeof key.uscc !== 'string' || typeof key.bidDate !== 'string') throw new Error('malformed check id');
  return key;
}

export interface RuleHit {
  readonly rule: string;
  readonly indicator: string;
  readonly recordId: string | null;
  readonly summary: string;
  readonly verdict: 'DISQUALIFIED' | 'WARN';
}

export function hit(ruleId: string, recordId: string | null, data: Readonly<Record<string, unknown>>, extra: { maskedId?: string; type?: string; minGrade?: string } = {}): RuleHit {
  const rule = ruleById(ruleId);
  const summary = SUMMARIES[ruleId]?.(data, extra) ?? rule.when;
  return { rule: rule.id, indicator: rule.indicator, recordId, summary, verdict: rule.verdict };
}

export const RULE_HIT_SDL = `
enum RuleVerdict {
  DISQUALIFIED
  WARN
}

"A joint-punishment rule that fired for a bidder, with the record that is the evidence."
type RuleHit @shareable {
  "BR01–BR12"
  rule: String!
  "Indicator whose record fired the rule."
  indicator: String!
  "Id of the evidence record; null when the rule fires for a missing record (BR08)."
  recordId: ID
  "One line in Chinese for the tender file."
  summary: String!
  verdict: RuleVerdict!
  """
  The evidence record's newest objection (异议), if any. An open objection marks the record as
  disputed; it does not suspend it, so the verdict still counts the record (docs/api.md, bidding rules).
  """
  objection: Objection
}

"The bidder's legal representative as the checks need it: the keyed ID hash and the masked ID number."
type BidderPerson @shareable {
  personKey: ID!
  maskedIdNumber: String
}`;

/** The evidence record's objection, as the caller may see it (for the subgraphs whose schema has RuleHit). */
export const ruleHitResolvers = {
  RuleHit: {
    objection: async (hit: RuleHit & { objection?: unknown }, _args: unknown, ctx: SubgraphContext) => {
      // a hit another subgraph found arrives with its objection, read there under its rules
      if (hit.objection !== undefined) return hit.objection;
      if (hit.recordId === null) return null;
      const found = await ctx.objectionOf.load(hit.recordId);
      return found ? objectionView(ctx.caller, found) : null;
    },
  },
};
