// How a scenario's measures are evaluated against an enterprise's records on a day, and the checks
// the catalogue makes of itself (a measure without a legal basis is refused).
import { ACTIVE_RULES } from '../active-rules';
import { firingRecordsOf, type EvidenceRecord } from '../bidding/rules';
import { SUMMARIES } from '../bidding/summaries';
import { indicatorByCode } from '../catalogue';
import { asText } from '../text';
import type { MeasureEffect, MeasureSpec, ScenarioSpec } from './scenarios';

/** Records that trigger `measure` on `asOf` (not a QUALIFICATION measure: that one reads a requirement). */
export function triggeringRecords<R extends EvidenceRecord>(measure: MeasureSpec, records: readonly R[], asOf: string): R[] {
  const t = measure.trigger;
  switch (t.kind) {
    case 'LATEST_VALUE_IN': {
      // the newest as of the check's day: a later year's record is not yet known then
      const newest = records.filter((r) => asText(r.data[t.orderBy]) <= asOf.slice(0, 4)).sort((a, b) => asText(b.data[t.orderBy]).localeCompare(asText(a.data[t.orderBy])))[0];
      return newest && t.values.includes(asText(newest.data[t.field])) ? [newest] : [];
    }
    case 'YEAR_WITHIN': {
      const year = Number(asOf.slice(0, 4));
      return records.filter((r) => {
        const y = Number(r.data[t.yearField]);
        return Number.isInteger(y) && y <= year && y > year - t.years;
      });
    }
    case 'PERSON_ACTIVE_ENTRY':
      return firingRecordsOf({ kind: 'PERSON_ACTIVE_ENTRY' }, measure.indicator, records, asOf);
    default:
      return firingRecordsOf(t, measure.indicator, records, asOf);
  }
}

export type CheckVerdict = 'EXCLUDED' | 'RESTRICTED' | 'SCRUTINY' | 'CLEAR' | 'NOT_FOUND';

const SCRUTINY: ReadonlySet<MeasureEffect> = new Set(['HEIGHTENED_SCRUTINY', 'NO_SIMPLIFIED_PROCEDURE']);

/** The strongest restriction that applies; incentives never change it. */
export function checkVerdict(effects: readonly MeasureEffect[]): CheckVerdict {
  if (effects.includes('EXCLUDE')) return 'EXCLUDED';
  if (effects.includes('RESTRICT')) return 'RESTRICTED';
  if (effects.some((e) => SCRUTINY.has(e))) return 'SCRUTINY';
  return 'CLEAR';
}

/** One line in Chinese for the file: the bidding rule's own where the measure carries one over. */
export function measureSummary(measure: MeasureSpec, data: Readonly<Record<string, unknown>>, extra: { maskedId?: string; type?: string; minGrade?: string } = {}): string {
  const own = measure.bidderRule ? SUMMARIES[measure.bidderRule] : undefined;
  if (own) return own(data, extra);
  const ind = indicatorByCode(measure.indicator);
  const dated = ind?.mainDate ? asText(data[ind.mainDate]) : '';
  const person = extra.maskedId ? `（人员身份证号${extra.maskedId}）` : '';
  return `${measure.nameZh}${person}：${ind?.nameZh ?? measure.indicator}${dated ? `（${dated}）` : ''}`;
}

/** What is wrong with a catalogue of scenarios: empty when nothing is. */
export function scenarioProblems(scenarios: readonly ScenarioSpec[]): string[] {
  const problems: string[] = [];
  const codes = new Set<string>();
  for (const s of scenarios) {
    if (s.owners.roles.length === 0 && s.owners.agencies.length === 0) problems.push(`${s.code}: no owner`);
    for (const m of s.measures) {
      if (codes.has(m.code)) problems.push(`${m.code}: code used twice`);
      codes.add(m.code);
      // the rule: no measure without its legal basis, document and article
      if (!m.basis?.document?.trim() || !m.article?.trim()) problems.push(`${m.code}: no legal basis (document and article)`);
      const ind = indicatorByCode(m.indicator);
      if (!ind) {
        problems.push(`${m.code}: unknown indicator ${m.indicator}`);
        continue;
      }
      // a check asks the identity, adverse and reputation subgraphs
      if (ind.category === 'ECONOMIC') problems.push(`${m.code}: ${m.indicator} is read by no part of a check`);
      const t = m.trigger;
      const has = (name: string) => ind.attributes.some((a) => a.name === name);
      if ((t.kind === 'ACTIVE_ENTRY' || t.kind === 'PERSON_ACTIVE_ENTRY') && !ACTIVE_RULES[m.indicator]) problems.push(`${m.code}: ${m.indicator} has no rule of when an entry is in force`);
      if (t.kind === 'PERSON_ACTIVE_ENTRY' && !ind.personSubject) problems.push(`${m.code}: ${m.indicator} is not about persons`);
      if (t.kind === 'DATED_WITHIN' && !has(t.dateField)) problems.push(`${m.code}: ${m.indicator} has no ${t.dateField}`);
      if (t.kind === 'STATUS_NOT' && !has(t.field)) problems.push(`${m.code}: ${m.indicator} has no ${t.field}`);
      if (t.kind === 'LATEST_VALUE_IN' && (!has(t.field) || !has(t.orderBy))) problems.push(`${m.code}: ${m.indicator} lacks ${t.field} or ${t.orderBy}`);
      if (t.kind === 'YEAR_WITHIN' && !has(t.yearField)) problems.push(`${m.code}: ${m.indicator} has no ${t.yearField}`);
      if (t.kind === 'QUALIFICATION' && !s.takesQualification) problems.push(`${m.code}: a qualification measure in a scenario that takes no qualification`);
      if ((m.kind === 'INCENTIVE') !== ['GREEN_CHANNEL', 'ACCEPT_WITH_DEFICIENCIES', 'FEWER_INSPECTIONS', 'PRIORITY'].includes(m.effect)) problems.push(`${m.code}: ${m.kind} with effect ${m.effect}`);
    }
  }
  return problems;
}
