// Adverse subgraph resolvers: the catalogue-derived ones, plus persons and active flags.
import { enforce, mayRead, readRefusal } from '../../auth/access';
import { checkBidders, followPersonLink } from '../../auth/policy';
import { ACTIVE_RULES, activeRuleFields, isActive } from '../../schema/active-rules';
import { indicatorByCode, indicatorsOf, PERSON_LINK_LEVEL } from '../../schema/catalogue';
import { windowFields } from '../../schema/display-windows';
import { categoryResolverMap } from '../kit/category-subgraph';
import { ruleHitResolvers } from '../kit/bidder-check';
import { statementView } from '../../subject/statements';
import { commitmentView, repairApplicationView, repairResolvers } from '../../repairs/graphql';
import { scenarioHits, type ScenarioHitsArgs } from '../kit/scenario-hits';
import { adverseHits, type AdverseVerdictRef } from './bidder-hits';
import type { SubgraphContext } from '../kit/context';
import type { SummaryRef } from '../kit/credit-summary';
import { visibleViews, type RecordView } from '../kit/indicator-resolvers';

interface PersonRef {
  readonly personKey: string;
}

// the debtor list is the one indicator a Person entity reaches in this subgraph (its personSubject)
const DISHONEST_DEBTOR = 'AD08';
const AD08 = indicatorByCode(DISHONEST_DEBTOR);
const AD08_RULE = ACTIVE_RULES[DISHONEST_DEBTOR];
const FLAGGED = Object.keys(ACTIVE_RULES).sort();

async function debtorEntries(person: PersonRef, ctx: SubgraphContext) {
  const refused = readRefusal(ctx, AD08?.disclosure ?? 'RESTRICTED', 'AD08 dishonestJudgmentDebtor');
  if (refused) throw refused;
  const stored = await ctx.personRecords.load({ personHash: person.personKey, indicator: DISHONEST_DEBTOR });
  if (!AD08) return [];
  return visibleViews(AD08, stored, ctx).sort((a, b) => String(b.data['publishedOn']).localeCompare(String(a.data['publishedOn'])));
}

/** Every adverse record type shows its repair date (members only ever see repaired records). */
const repairFields = Object.fromEntries(
  indicatorsOf('ADVERSE').map((ind) => [
    ind.typeName,
    {
      repairedOn: (view: RecordView) => view.repairedOn ?? null,
      statement: async (view: RecordView, _args: unknown, ctx: SubgraphContext) => {
        const found = await ctx.statementOf.load(view.id);
        return found ? statementView(ctx, found) : null;
      },
      repairApplication: async (view: RecordView, _args: unknown, ctx: SubgraphContext) => {
        const found = await ctx.repairOf.load(view.id);
        return found ? repairApplicationView(ctx, found) : null;
      },
    },
  ]),
);

export const resolvers = categoryResolverMap('ADVERSE', {
  ...repairFields,
  ...ruleHitResolvers,
  Query: {
    ...repairResolvers.Query,
    adverseScenarioHits: (_root: unknown, args: ScenarioHitsArgs, ctx: SubgraphContext) => scenarioHits('ADVERSE', args, ctx),
  },
  Enterprise: {
    // commitments are public: every audience reads them (a REPAIR commitment's record only where that is read)
    creditCommitments: async (parent: { uscc: string }, _args: unknown, ctx: SubgraphContext) => (await ctx.commitmentsOf.load(parent.uscc)).map((c) => commitmentView(ctx, c)),
  },
  Mutation: {
    ...repairResolvers.Mutation,
    makeAdverseStatement: async (_root: unknown, args: { recordId: string; text: string }, ctx: SubgraphContext) =>
      statementView(ctx, await ctx.statements.make(ctx.caller, args.recordId, args.text, ctx.today)),
  },
  BidderVerdict: {
    __resolveReference: (ref: AdverseVerdictRef, ctx: SubgraphContext) => {
      enforce(checkBidders(ctx.caller));
      return ref;
    },
    adverseHits: (ref: AdverseVerdictRef, _args: unknown, ctx: SubgraphContext) => adverseHits(ref, ctx),
  },
  Person: {
    __resolveReference: (ref: PersonRef, ctx: SubgraphContext) => {
      enforce(followPersonLink(ctx.caller, PERSON_LINK_LEVEL));
      return { personKey: ref.personKey };
    },
    dishonestJudgmentDebtor: (person: PersonRef, _args: unknown, ctx: SubgraphContext) => debtorEntries(person, ctx),
    listedAsDishonestDebtor: async (person: PersonRef, args: { asOf?: string | null }, ctx: SubgraphContext) => {
      const entries = await debtorEntries(person, ctx);
      return AD08_RULE !== undefined && entries.some((e) => isActive(AD08_RULE, e.data, args.asOf ?? ctx.today));
    },
  },
  CreditSummary: {
    activeAdverseFlags: async (parent: SummaryRef, args: { asOf?: string | null }, ctx: SubgraphContext) => {
      const asOf = args.asOf ?? ctx.today;
      const readable = FLAGGED.filter((code) => {
        const ind = indicatorByCode(code);
        return ind !== undefined && mayRead(ctx, ind.disclosure, undefined, parent.uscc);
      });
      const lists = await Promise.all(
        readable.map((code) => {
          const rule = ACTIVE_RULES[code];
          const ind = indicatorByCode(code);
          const fields = new Set([...(rule ? activeRuleFields(rule) : []), ...(ind ? windowFields(ind) : [])]);
          return ctx.records.load({ uscc: parent.uscc, indicator: code, fields: [...fields].sort() });
        }),
      );
      return readable.filter((code, i) => {
        const rule = ACTIVE_RULES[code];
        const ind = indicatorByCode(code);
        return rule !== undefined && ind !== undefined && visibleViews(ind, lists[i] ?? [], ctx).some((r) => isActive(rule, r.data, asOf));
      });
    },
  },
});
