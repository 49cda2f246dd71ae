// When an adverse record is in force. List entries run until removed, arrears until cleared,
// bans between their dates. Shared by the `active` field and the bidding rules.
import type { IndicatorSpec } from './catalogue';

export interface ActiveRule {
  /** Date the entry takes effect (inclusive). */
  readonly from: string;
  /** Date the entry stops being in force (it is not in force on that day), when set. */
  readonly endedBy?: string;
  /** Last day the entry is in force (inclusive), when set. */
  readonly lastDay?: string;
}

export const ACTIVE_RULES: Readonly<Record<string, ActiveRule>> = {
  AD02: { from: 'listedOn', endedBy: 'removedOn' },
  AD03: { from: 'listedOn', endedBy: 'removedOn' },
  AD04: { from: 'announcedOn', endedBy: 'clearedOn' },
  AD06: { from: 'determinedOn', endedBy: 'clearedOn' },
  AD07: { from: 'listedOn', endedBy: 'removedOn', lastDay: 'listedUntil' },
  AD08: { from: 'publishedOn', endedBy: 'removedOn' },
  AD12: { from: 'banFrom', lastDay: 'banUntil' },
};

/** Attributes the rule reads, so a projection can include them. */
export function activeRuleFields(rule: ActiveRule): string[] {
  return [rule.from, rule.endedBy, rule.lastDay].filter((f): f is string => f !== undefined);
}

/** Dates are ISO strings, so string comparison is date comparison. */
export function isActive(rule: ActiveRule, data: Readonly<Record<string, unknown>>, asOf: string): boolean {
  const from = data[rule.from];
  if (typeof from !== 'string' || from > asOf) return false;
  const ended = rule.endedBy ? data[rule.endedBy] : undefined;
  if (typeof ended === 'string' && ended <= asOf) return false;
  const last = rule.lastDay ? data[rule.lastDay] : undefined;
  if (typeof last === 'string' && last < asOf) return false;
  return true;
}

export function activeRuleOf(ind: IndicatorSpec): ActiveRule | undefined {
  return ACTIVE_RULES[ind.code];
}
