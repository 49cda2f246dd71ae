// How each joint-punishment rule (BR01–BR12) is evaluated, as data next to the spec's rule list.
// A rule change changes RULE_SET_VERSION, which hashes the spec's rules, this table and the
// display windows together.
import { createHash } from 'node:crypto';
import { ACTIVE_RULES, isActive } from '../active-rules';
import { BIDDING_RULES, INDICATORS, RULES_RELEASE, type BiddingRule, type RuleVerdict } from '../catalogue';
import { addDuration } from '../display-windows';
import { asText } from '../text';

export type RuleLogic =
  /** A record of the rule's indicator in force on the bid date (list entries, arrears, bans). */
  | { readonly kind: 'ACTIVE_ENTRY' }
  /** The same, for entries about the bidder's legal representative (matched by keyed ID hash). */
  | { readonly kind: 'PERSON_ACTIVE_ENTRY' }
  /** A record dated within a period before the bid date (inclusive), by severity or ALL. */
  | { readonly kind: 'DATED_WITHIN'; readonly dateField: string; readonly periods: Readonly<Record<string, string>> }
  /** The current record's field differs from the expected value. */
  | { readonly kind: 'STATUS_NOT'; readonly field: string; readonly expected: string }
  /** No valid certificate of the required type at the required grade or higher. */
  | { readonly kind: 'QUALIFICATION' };

export const RULE_LOGIC: Readonly<Record<string, RuleLogic>> = {
  BR01: { kind: 'ACTIVE_ENTRY' },
  BR02: { kind: 'PERSON_ACTIVE_ENTRY' },
  BR03: { kind: 'ACTIVE_ENTRY' },
  BR04: { kind: 'DATED_WITHIN', dateField: 'announcedOn', periods: { ALL: 'P3Y' } },
  BR05: { kind: 'ACTIVE_ENTRY' },
  BR06: { kind: 'ACTIVE_ENTRY' },
  BR07: { kind: 'STATUS_NOT', field: 'status', expected: 'ACTIVE' },
  BR08: { kind: 'QUALIFICATION' },
  BR09: { kind: 'ACTIVE_ENTRY' },
  BR10: { kind: 'DATED_WITHIN', dateField: 'decidedOn', periods: { SERIOUS: 'P3Y', GENERAL: 'P1Y' } },
  BR11: { kind: 'ACTIVE_ENTRY' },
  BR12: { kind: 'DATED_WITHIN', dateField: 'inspectedOn', periods: { ALL: 'P1Y' } },
};

/** The display and repair periods verdicts depend on (a repaired record stops counting): a change of them is a new rule set. */
const DISPLAY_RULES = INDICATORS.filter((i) => i.publicWindow).map((i) => [i.code, i.publicWindow, i.publicWindowMaximum, i.repairableAfter, i.repairDecision?.workingDays]);

export const RULE_SET_VERSION = `${RULES_RELEASE}-${createHash('sha256').update(JSON.stringify({ BIDDING_RULES, RULE_LOGIC, DISPLAY_RULES })).digest('hex').slice(0, 8)}`;

/** Grades from highest to lowest (RP02). */
export const GRADE_ORDER = ['SPECIAL', 'FIRST', 'SECOND', 'THIRD'] as const;
export type Grade = (typeof GRADE_ORDER)[number];

export interface QualificationRequirement {
  readonly type: string;
  readonly minGrade: Grade;
}

/** What a rule reads of one record. */
export interface EvidenceRecord {
  readonly id: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly repairedOn?: string;
}

export function rulesReading(indicator: string): BiddingRule[] {
  return BIDDING_RULES.filter((r) => r.indicator === indicator);
}

export function ruleById(id: string): BiddingRule {
  const rule = BIDDING_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`unknown rule ${id}`);
  return rule;
}

/** A record repaired on or before the bid date no longer counts against the bidder. */
function counts(record: EvidenceRecord, bidDate: string): boolean {
  return record.repairedOn === undefined || record.repairedOn > bidDate;
}

/** Records that make `rule` fire on `bidDate` (for all kinds but STATUS_NOT and QUALIFICATION). */
export function firingRecords(rule: BiddingRule, records: readonly EvidenceRecord[], bidDate: string): EvidenceRecord[] {
  const logic = RULE_LOGIC[rule.id];
  if (!logic) throw new Error(`rule ${rule.id} has no logic`);
  return firingRecordsOf(logic, rule.indicator, records, bidDate);
}

/** Records of `indicator` that `logic` fires on, on `date`: the evaluation the bidding rules and the joint measures share. */
export function firingRecordsOf<R extends EvidenceRecord>(logic: RuleLogic, indicator: string, records: readonly R[], date: string): R[] {
  const live = records.filter((r) => counts(r, date));
  switch (logic.kind) {
    case 'ACTIVE_ENTRY':
    case 'PERSON_ACTIVE_ENTRY': {
      const active = ACTIVE_RULES[indicator];
      if (!active) throw new Error(`${indicator} has no active rule`);
      return live.filter((r) => isActive(active, r.data, date));
    }
    case 'DATED_WITHIN':
      return live.filter((r) => {
        const dated = r.data[logic.dateField];
        const period = logic.periods['ALL'] ?? logic.periods[String(r.data['severity'])];
        return typeof dated === 'string' && period !== undefined && dated <= date && addDuration(dated, period) >= date;
      });
    case 'STATUS_NOT':
      return live.filter((r) => r.data[logic.field] !== logic.expected);
    case 'QUALIFICATION':
      throw new Error('a qualification is evaluated with qualificationMet');
  }
}

/** Whether any certificate of the required type is valid on the bid date at the grade or higher. */
export function qualificationMet(requirement: QualificationRequirement, certificates: readonly EvidenceRecord[], bidDate: string): boolean {
  const needed = GRADE_ORDER.indexOf(requirement.minGrade);
  return certificates.some((c) => {
    const grade = GRADE_ORDER.indexOf(String(c.data['grade']) as Grade);
    const issued = asText(c.data['issuedOn']);
    const validUntil = asText(c.data['validUntil']);
    return c.data['qualificationType'] === requirement.type && grade >= 0 && grade <= needed && issued <= bidDate && bidDate <= validUntil;
  });
}

export type Verdict = 'ELIGIBLE' | 'WARN' | 'DISQUALIFIED' | 'NOT_FOUND';

/** The strongest verdict the hits force; no hit is ELIGIBLE. */
export function verdictOf(hitVerdicts: readonly RuleVerdict[]): Verdict {
  if (hitVerdicts.includes('DISQUALIFIED')) return 'DISQUALIFIED';
  if (hitVerdicts.includes('WARN')) return 'WARN';
  return 'ELIGIBLE';
}
