// When an adverse record is in force, as the catalogue says (IndicatorSpec.inForce); shared by the
// `active` field, the display windows and the bidding rules.
import { INDICATORS, type ActiveRule, type IndicatorSpec } from './catalogue';

export type { ActiveRule } from './catalogue';

/** The catalogue's in-force rules, by indicator code. */
export const ACTIVE_RULES: Readonly<Record<string, ActiveRule>> = Object.fromEntries(INDICATORS.flatMap((i) => (i.inForce ? [[i.code, i.inForce]] : [])));

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

/** Whether the entry was in force on some day from `from` to `to` (both included): on its first day in the period, if on any. */
export function activeDuring(rule: ActiveRule, data: Readonly<Record<string, unknown>>, from: string, to: string): boolean {
  const start = data[rule.from];
  if (typeof start !== 'string' || start > to) return false;
  return isActive(rule, data, start > from ? start : from);
}

export function activeRuleOf(ind: IndicatorSpec): ActiveRule | undefined {
  return ind.inForce;
}
