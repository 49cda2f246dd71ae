// The data-quality report for credit administrators: per agency and indicator, what was received,
// accepted and rejected over a period, and the rules most often broken. Each subgraph reports on
// its own category; identity owns the report entity and the others add their part.
import { enforce } from '../auth/access';
import { readQualityReport } from '../auth/policy';
import type { Category } from '../schema/catalogue';
import type { SubmissionRequest } from './submission-request';
import { badUserInput } from '../platform/errors';
import { isIsoDate } from '../platform/scalars';
import { endOfDay, startOfDay } from '../schema/today';

export interface QualityKey {
  readonly from: string;
  readonly to: string;
  readonly agency?: string | null;
}

export interface QualityRow {
  agency: string;
  indicator: string;
  received: number;
  accepted: number;
  rejected: number;
  topRuleFailures: { rule: string; count: number }[];
}

export const qualityFieldOf = (category: Category): string => category.toLowerCase();

/** `extraFields`: what other features add to the report (overdue objections). */
export function qualitySdl(category: Category, extraFields = ''): string {
  return `
"Submission quality over a period, for credit administrators; each category subgraph adds its part."
type DataQualityReport @key(fields: "periodKey") {
  periodKey: ID! @inaccessible
  "${category} indicators: one row per agency and indicator with submissions in the period."
  ${qualityFieldOf(category)}: [SubmissionQuality!]!${extraFields}
}

type SubmissionQuality @shareable {
  agency: String!
  indicator: String!
  received: Int!
  accepted: Int!
  rejected: Int!
  "The most frequent rule failures, most frequent first (at most five)."
  topRuleFailures: [RuleFailureCount!]!
}

type RuleFailureCount @shareable {
  rule: String!
  count: Int!
}`;
}

export function encodePeriodKey(key: QualityKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodePeriodKey(periodKey: string): QualityKey {
  try {
    const key = JSON.parse(Buffer.from(periodKey, 'base64url').toString('utf8')) as Partial<QualityKey> | null;
    if (key && typeof key.from === 'string' && typeof key.to === 'string') return { from: key.from, to: key.to, agency: typeof key.agency === 'string' ? key.agency : null };
  } catch {
    // fall through: not a key this subgraph issued
  }
  throw badUserInput('periodKey', 'is not a period key of a data-quality report');
}

/** Validates the arguments of the root query; only credit administrators may ask. */
export function qualityKey(ctx: SubmissionRequest, args: QualityKey): QualityKey {
  enforce(readQualityReport(ctx.caller));
  if (!isIsoDate(args.from)) throw badUserInput('from', 'must be an ISO date');
  if (!isIsoDate(args.to)) throw badUserInput('to', 'must be an ISO date');
  if (args.to < args.from) throw badUserInput('to', 'is before from');
  return { from: args.from, to: args.to, agency: args.agency ?? null };
}

export function qualityResolver() {
  return async (parent: { periodKey: string }, _args: unknown, ctx: SubmissionRequest): Promise<QualityRow[]> => {
    const key = decodePeriodKey(parent.periodKey);
    // guarded again here: a subgraph reached directly checks the role itself
    qualityKey(ctx, key);
    const from = startOfDay(key.from);
    const to = endOfDay(key.to);
    const batches = await ctx.submissions.batchTotals(from, to, key.agency ?? null);
    const rows = new Map<string, QualityRow & { rules: Map<string, number> }>();
    for (const b of batches) {
      const k = `${b.agency}|${b.indicator}`;
      const row = rows.get(k) ?? { agency: b.agency, indicator: b.indicator, received: 0, accepted: 0, rejected: 0, topRuleFailures: [], rules: new Map<string, number>() };
      row.received += b.received;
      row.accepted += b.accepted;
      row.rejected += b.rejected;
      for (const rule of b.rules) row.rules.set(rule, (row.rules.get(rule) ?? 0) + 1);
      rows.set(k, row);
    }
    return [...rows.values()]
      .map(({ rules, ...row }) => ({
        ...row,
        topRuleFailures: [...rules]
          .map(([rule, count]) => ({ rule, count }))
          .sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule))
          .slice(0, 5),
      }))
      .sort((a, b) => a.agency.localeCompare(b.agency) || a.indicator.localeCompare(b.indicator));
  };
}
