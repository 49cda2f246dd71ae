// The credit check's part of the identity schema: the scenarios as the catalogue holds them,
// creditCheck, a check again as answered (creditCheckResult), feedback on each measure, and the
// administrators' view of what was fed back.
import { enforce } from '../../auth/access';
import { isAdmin, readQualityReport, runCreditCheck } from '../../auth/policy';
import type { Caller } from '../../auth/caller';
import { SCENARIOS, scenarioByCode } from '../../schema/joint/scenarios';
import { badUserInput } from '../../platform/errors';
import { endOfDay, startOfDay } from '../../schema/today';
import { isIsoDate } from '../../platform/scalars';
import type { FeedbackAction, StoredCheck } from '../../storage/port';
import { runCheck, type CreditCheckArgs } from './credit-check';
import type { IdentityContext } from './context';

export const CREDIT_CHECK_SDL = `
extend type Query {
  """
  Joint reward and punishment (联合奖惩, 一处违法，处处受限): the measures of one scenario that apply to
  each of up to 1,000 enterprises on asOf (default today), with their evidence and legal basis, and
  related parties among them. The check is kept as answered: creditCheckResult shows it again.
  For the scenario's owners (creditScenarios) and credit administrators.
  """
  creditCheck(scenario: CreditScenarioCode!, usccs: [ID!]!, asOf: Date, reference: String, requiredQualification: QualificationRequirementInput): CreditCheck!
  "A check as it was answered, with the feedback recorded on it: for the unit that ran it and credit administrators."
  creditCheckResult(id: ID!): CreditCheck
  "The scenarios, their owners and measures with the legal basis of each."
  creditScenarios: [CreditScenario!]!
  "Checks per agency and scenario between two days, and the measures fed back or not after overdueDays (default 30): for credit administrators."
  checkFeedbackSummary(from: Date!, to: Date!, overdueDays: Int = 30): [CheckFeedbackSummary!]!
}

extend type Mutation {
  "The unit that ran a check records what it did about one measure for one enterprise (反馈): a later record replaces it."
  recordCheckFeedback(checkId: ID!, uscc: ID!, measure: String!, action: FeedbackAction!, reason: String): CheckFeedback!
}

enum CreditScenarioCode {
${SCENARIOS.map((s) => `  "${s.nameZh}"\n  ${s.code}`).join('\n')}
}

enum CreditCheckVerdict {
  "A measure excludes the enterprise."
  EXCLUDED
  "A measure restricts it."
  RESTRICTED
  "A measure heightens scrutiny or withholds a simplified procedure."
  SCRUTINY
  "No restriction applies (incentives may)."
  CLEAR
  NOT_FOUND
}

enum MeasureKind {
  RESTRICTION
  INCENTIVE
}

enum FeedbackAction {
  APPLIED
  NOT_APPLIED
  SUPERSEDED
}

type CreditScenario {
  code: CreditScenarioCode!
  nameZh: String!
  nameEn: String!
  "Roles and agencies that run it (credit administrators always may)."
  ownerRoles: [String!]!
  ownerAgencies: [String!]!
  measures: [CreditMeasure!]!
}

type CreditMeasure {
  code: String!
  nameZh: String!
  nameEn: String!
  kind: MeasureKind!
  effect: String!
  indicator: String!
  legalBasis: LegalBasis!
  article: String!
}

type CreditCheck {
  id: ID!
  "A CreditScenarioCode (a check kept from a scenario since retired keeps its code)."
  scenario: String!
  asOf: Date!
  reference: String
  "Changes whenever a rule, a display period or a scenario does."
  ruleSetVersion: String!
  checkedAt: DateTime!
  results: [CreditCheckResult!]!
  relatedParties: [RelatedPartyGroup!]!
  feedback: [CheckFeedback!]!
}

type CreditCheckResult {
  uscc: ID!
  name: String
  problem: String
  verdict: CreditCheckVerdict!
  "Restrictions and incentives that apply, in the scenario's order."
  measures: [AppliedMeasure!]!
}

type AppliedMeasure {
  code: String!
  name: String!
  kind: MeasureKind!
  effect: String!
  "Document and article."
  legalBasis: String!
  evidence: [MeasureEvidence!]!
}

type MeasureEvidence {
  recordId: ID
  indicator: String!
  "When the version of the record the check read was received."
  recordVersion: DateTime
  summary: String!
}

enum RelatedPartyKind {
  LEGAL_REPRESENTATIVE
  "A key person (ID04) in both."
  KEY_PERSON
  "An enterprise shareholder, or a natural-person one (by keyed ID hash)."
  SHAREHOLDER
  ADDRESS
}

"Enterprises of one check that share a party: the person masked (members with a purpose), the shareholder or the address."
type RelatedPartyGroup {
  kind: RelatedPartyKind!
  sharedParty: String!
  usccs: [ID!]!
}

type CheckFeedback {
  checkId: ID!
  uscc: ID!
  measure: String!
  action: FeedbackAction!
  reason: String
  at: DateTime!
}

type CheckFeedbackSummary {
  agency: String
  scenario: String!
  checks: Int!
  "Enterprise and restriction pairs the checks found."
  measuresFound: Int!
  fedBack: Int!
  "Pairs not fed back from checks older than overdueDays."
  overdue: Int!
}`;

/** The unit (agency and region) that ran a check, or the account itself where it names no agency (a bidding platform). */
function ranCheck(caller: Caller, check: StoredCheck): boolean {
  if (check.agency !== null) return caller.agency === check.agency && (caller.region ?? null) === check.region;
  return caller.subject === check.subject;
}

/** A stored check is read by whoever ran it and by credit administrators. */
function mayReadCheck(caller: Caller, check: StoredCheck): boolean {
  return isAdmin(caller) || ranCheck(caller, check);
}

/** A check as kept: names and legal bases as they stood when it ran. */
function checkView(check: StoredCheck, ctx: IdentityContext) {
  return { ...check, feedback: async () => ctx.creditChecks.feedbackOf(check.id) };
}

const MAX_TEXT = 500;

export const creditCheckResolvers = {
  Query: {
    creditCheck: async (_root: unknown, args: CreditCheckArgs, ctx: IdentityContext) => checkView(await runCheck(args, ctx, ctx.scenarios), ctx),
    creditCheckResult: async (_root: unknown, args: { id: string }, ctx: IdentityContext) => {
      const check = await ctx.creditChecks.findById(args.id.slice(0, 100));
      // another unit's check reads as absent: ids reveal nothing
      if (!check || !mayReadCheck(ctx.caller, check)) return null;
      // a scenario retired since is read by administrators only
      const scenario = scenarioByCode(check.scenario);
      enforce(scenario ? runCreditCheck(ctx.caller, scenario) : readQualityReport(ctx.caller));
      for (const r of check.results) if (r.verdict !== 'NOT_FOUND') ctx.returnedEnterprises.add(r.uscc);
      return checkView(check, ctx);
    },
    creditScenarios: () => SCENARIOS.map((s) => ({ ...s, ownerRoles: s.owners.roles, ownerAgencies: s.owners.agencies, measures: s.measures.map((m) => ({ ...m, legalBasis: m.basis })) })),
    checkFeedbackSummary: async (_root: unknown, args: { from: string; to: string; overdueDays?: number | null }, ctx: IdentityContext) => {
      enforce(readQualityReport(ctx.caller));
      if (!isIsoDate(args.from)) throw badUserInput('from', 'must be an ISO date');
      if (!isIsoDate(args.to) || args.to < args.from) throw badUserInput('to', 'must be an ISO date, on or after from');
      const days = args.overdueDays ?? 30;
      if (!Number.isInteger(days) || days < 1 || days > 365) throw badUserInput('overdueDays', 'must be between 1 and 365');
      return ctx.creditChecks.feedbackSummary(startOfDay(args.from), endOfDay(args.to), new Date(Date.now() - days * 86_400_000));
    },
  },
  Mutation: {
    recordCheckFeedback: async (_root: unknown, args: { checkId: string; uscc: string; measure: string; action: FeedbackAction; reason?: string | null }, ctx: IdentityContext) => {
      const check = await ctx.creditChecks.findById(args.checkId.slice(0, 100));
      // only the unit that ran the check, still holding the right to run it, reports what it did
      const scenario = check ? scenarioByCode(check.scenario) : undefined;
      if (!check || !ranCheck(ctx.caller, check) || !scenario || !runCreditCheck(ctx.caller, scenario).allowed) throw badUserInput('checkId', 'no such check of your unit');
      const found = check.results.find((r) => r.uscc === args.uscc)?.measures.find((m) => m.code === args.measure);
      if (!found) throw badUserInput('measure', `the check found no measure ${args.measure.slice(0, 60)} for ${args.uscc.slice(0, 20)}`);
      if (found.kind !== 'RESTRICTION') throw badUserInput('measure', 'feedback is on restrictions; an incentive needs none');
      const reason = args.reason?.trim() ?? '';
      if (reason.length > MAX_TEXT) throw badUserInput('reason', `at most ${MAX_TEXT} characters`);
      if (args.action === 'NOT_APPLIED' && reason === '') throw badUserInput('reason', 'say why the measure was not applied');
      const feedback = { checkId: check.id, uscc: args.uscc, measure: args.measure, action: args.action, reason: reason || null, by: ctx.caller.subject ?? '', at: new Date() };
      await ctx.creditChecks.recordFeedback(feedback);
      return feedback;
    },
  },
};
