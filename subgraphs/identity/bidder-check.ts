// bidderCheck: the root query, the identity rules (BR07, NOT_FOUND) and the verdict, which
// combines the hits the adverse and reputation subgraphs add to each BidderVerdict.
import { enforce } from '../../auth/access';
import { checkBidders } from '../../auth/policy';
import { GRADE_ORDER, RULE_SET_VERSION, firingRecords, ruleById, verdictOf, type Grade, type Verdict } from '../../schema/bidding/rules';
import { maskedId } from '../../schema/bidding/summaries';
import { isValidUscc } from '../../schema/identifiers';
import { decodeCheckId, encodeCheckId, hit, type CheckKey, type RuleHit } from '../kit/bidder-check';
import { badUserInput } from '../../platform/errors';
import { toView } from '../kit/indicator-resolvers';
import type { IdentityContext } from './context';

export const MAX_BIDDERS = 1000;
// BR07 reads the operating status and BR02 the legal representative (schema/catalogue/bidding-rules.ts)
const OPERATING_STATUS = 'ID07';
const LEGAL_REPRESENTATIVE = 'ID02';

interface BidderCheckArgs {
  usccs: string[];
  bidDate?: string | null;
  requiredQualification?: { type: string; minGrade: string } | null;
  tenderRef?: string | null;
}

export interface VerdictRef {
  readonly checkId: string;
  readonly uscc?: string;
  readonly problem?: string | null;
  readonly adverseHits?: RuleHit[];
  readonly reputationHits?: RuleHit[];
}

export async function bidderCheck(args: BidderCheckArgs, ctx: IdentityContext) {
  enforce(checkBidders(ctx.caller));
  if (args.usccs.length === 0) throw badUserInput('usccs', 'give at least one bidder');
  if (args.usccs.length > MAX_BIDDERS) throw badUserInput('usccs', `at most ${MAX_BIDDERS} bidders per check, got ${args.usccs.length}`);
  const bidDate = args.bidDate ?? ctx.today;
  const q = args.requiredQualification;
  if (q && q.type.length > 100) throw badUserInput('requiredQualification.type', 'at most 100 characters');
  if (q && q.type.trim() === '') throw badUserInput('requiredQualification.type', 'must name a qualification type, e.g. 建筑工程施工总承包');
  const qualification = q ? { type: q.type.trim(), minGrade: q.minGrade as Grade } : undefined;
  if (qualification && !GRADE_ORDER.includes(qualification.minGrade)) throw badUserInput('requiredQualification.minGrade', 'is not a grade');
  if (args.tenderRef && args.tenderRef.length > 100) throw badUserInput('tenderRef', 'must be at most 100 characters');

  const valid = args.usccs.map((u) => isValidUscc(u));
  const docs = await ctx.enterprises.loadMany(args.usccs.filter((_, i) => valid[i]));
  // a directory that did not answer is not "no such enterprise"
  const failed = docs.find((d): d is Error => d instanceof Error);
  if (failed) throw failed;
  const known = new Set(docs.flatMap((d) => (d && !(d instanceof Error) ? [d.uscc] : [])));
  const results = args.usccs.map((uscc, i) => {
    const isValid = valid[i] === true;
    const found = isValid && known.has(uscc);
    const key: CheckKey = { uscc, bidDate, qualification, found };
    return {
      checkId: encodeCheckId(key),
      uscc,
      problem: !isValid ? 'not a valid unified social credit code (GB 32100-2015 check character)' : !found ? 'no enterprise with this code is registered' : null,
    };
  });
  return { ruleSetVersion: RULE_SET_VERSION, checkedAt: new Date(), bidDate, tenderRef: args.tenderRef ?? null, results };
}

async function identityHits(key: CheckKey, ctx: IdentityContext): Promise<RuleHit[]> {
  if (!key.found) return [];
  const stored = await ctx.records.load({ uscc: key.uscc, indicator: OPERATING_STATUS, fields: ['effectiveOn', 'reason', 'status'] });
  const current = stored
    .map(toView)
    .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())
    .slice(0, 1);
  return firingRecords(ruleById('BR07'), current, key.bidDate).map((r) => hit('BR07', r.id, r.data));
}

export const bidderVerdictResolvers = {
  __resolveReference: (ref: VerdictRef, ctx: IdentityContext): VerdictRef => {
    enforce(checkBidders(ctx.caller));
    return ref;
  },
  uscc: (ref: VerdictRef) => ref.uscc ?? decodeCheckId(ref.checkId).uscc,
  name: async (ref: VerdictRef, _args: unknown, ctx: IdentityContext) => {
    const key = decodeCheckId(ref.checkId);
    return key.found ? ((await ctx.enterprises.load(key.uscc))?.name ?? null) : null;
  },
  problem: (ref: VerdictRef) => ref.problem ?? null,
  legalRepresentative: async (ref: VerdictRef, _args: unknown, ctx: IdentityContext) => {
    const key = decodeCheckId(ref.checkId);
    if (!key.found) return null;
    const stored = await ctx.records.load({ uscc: key.uscc, indicator: LEGAL_REPRESENTATIVE, fields: ['idNumber'] });
    const rep = stored[0];
    return rep?.personHash ? { personKey: rep.personHash, maskedIdNumber: maskedId(rep.data['idNumber']) ?? null } : null;
  },
  hits: async (ref: VerdictRef, _args: unknown, ctx: IdentityContext): Promise<RuleHit[]> => {
    const key = decodeCheckId(ref.checkId);
    const all = [...(await identityHits(key, ctx)), ...(ref.adverseHits ?? []), ...(ref.reputationHits ?? [])];
    return all.sort((a, b) => a.rule.localeCompare(b.rule) || String(a.recordId).localeCompare(String(b.recordId)));
  },
  verdict: async (ref: VerdictRef, _args: unknown, ctx: IdentityContext): Promise<Verdict> => {
    const key = decodeCheckId(ref.checkId);
    if (!key.found) return 'NOT_FOUND';
    const all = [...(await identityHits(key, ctx)), ...(ref.adverseHits ?? []), ...(ref.reputationHits ?? [])];
    return verdictOf(all.map((h) => h.verdict));
  },
};
