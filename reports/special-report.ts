// The special credit report (专项信用报告): the domains and period the enterprise chose, and for
// each domain the records in the period (in force during it or dated within it), "none recorded",
// or "not covered by this system". Built from the same complete read as any report: a part that
// could not be read refuses the report before this runs (发改财金〔2025〕565号).
import { ACTIVE_RULES, activeDuring } from '../schema/active-rules';
import { indicatorByCode, REPORT_DOMAINS, SPECIAL_REPORT_MAX_YEARS, type IndicatorSpec, type ReportDomain } from '../schema/catalogue';
import { asText } from '../schema/text';
import { isIsoDate } from '../platform/scalars';
import { badUserInput, graphqlError } from '../platform/errors';
import type { ReportContent } from './report-content';

/** What the enterprise chose: domain codes (the required ones are added) and the period, both ends included. */
export interface SpecialScope {
  readonly domains: readonly string[];
  readonly from: string;
  readonly to: string;
}

export interface DomainFinding {
  readonly domain: ReportDomain;
  /** RECORDS: listed below; NONE: none recorded in the period; NOT_COVERED: this system does not hold the domain. */
  readonly status: 'RECORDS' | 'NONE' | 'NOT_COVERED';
  readonly records: readonly { readonly indicator: IndicatorSpec; readonly record: Record<string, unknown>; readonly refusedAttributes: ReadonlyMap<string, unknown> }[];
}

/** The scope as asked, checked: known domains, ISO dates, a period within the last five years, ending today at the latest. */
export function readScope(asked: { domains: readonly string[]; from: string; to: string }, today: string): SpecialScope {
  const unknown = asked.domains.find((d) => !REPORT_DOMAINS.some((r) => r.code === d));
  if (unknown !== undefined) throw badUserInput('special.domains', `'${unknown.slice(0, 40)}' is not a domain; the domains are ${REPORT_DOMAINS.map((d) => d.code).join(', ')}`);
  if (!isIsoDate(asked.from)) throw badUserInput('special.from', 'must be an ISO date');
  if (!isIsoDate(asked.to)) throw badUserInput('special.to', 'must be an ISO date');
  if (asked.to > today) throw badUserInput('special.to', `must be today (${today}) or earlier`);
  if (asked.from > asked.to) throw badUserInput('special.from', 'must be on or before special.to');
  // records are kept five years: a period reaching further back would state absences never read
  if (asked.from < earliestFrom(today)) throw badUserInput('special.from', `a special report covers at most the last ${SPECIAL_REPORT_MAX_YEARS} years: from ${earliestFrom(today)} on`);
  const chosen = new Set(asked.domains);
  return { domains: REPORT_DOMAINS.filter((d) => d.required || chosen.has(d.code)).map((d) => d.code), from: asked.from, to: asked.to };
}

/** The first day a special report issued today may cover: the same day five years before (29 February: 1 March). */
export function earliestFrom(today: string): string {
  const [y = 0, m = 1, d = 1] = today.split('-').map(Number);
  return new Date(Date.UTC(y - SPECIAL_REPORT_MAX_YEARS, m - 1, d)).toISOString().slice(0, 10);
}

/** Whether a record falls in the period: dated within it, or in force on any day of it. */
function inPeriod(ind: IndicatorSpec, record: Record<string, unknown>, scope: SpecialScope): boolean {
  const dated = ind.mainDate ? asText(record[ind.mainDate]) : '';
  if (dated >= scope.from && dated <= scope.to) return true;
  const rule = ACTIVE_RULES[ind.code];
  return rule !== undefined && activeDuring(rule, record, scope.from, scope.to);
}

function matches(source: ReportDomain['sources'][number], record: Record<string, unknown>): boolean {
  if (source.agencies && !source.agencies.includes(asText(record['agency']))) return false;
  return Object.entries(source.where ?? {}).every(([attribute, values]) => values.includes(asText(record[attribute])));
}

export function domainFindings(content: ReportContent, scope: SpecialScope): DomainFinding[] {
  const sections = new Map(content.sections.map((s) => [s.indicator.code, s]));
  return scope.domains.flatMap((code): DomainFinding[] => {
    const domain = REPORT_DOMAINS.find((d) => d.code === code);
    if (!domain) return [];
    if (domain.sources.length === 0) return [{ domain, status: 'NOT_COVERED' as const, records: [] }];
    const seen = new Set<string>();
    const records: DomainFinding['records'][number][] = [];
    for (const source of domain.sources) {
      const indicator = indicatorByCode(source.ind);
      const section = sections.get(source.ind);
      // a section refused is never taken for "none": no report rather than a false one
      if (!indicator || !section || section.records === null)
        throw graphqlError('FORBIDDEN', `no special report was issued: ${source.ind} (${domain.nameZh}) was refused: ${section?.refused?.message ?? 'not read'}`);
      for (const record of section.records) {
        const id = asText(record['id']);
        if (seen.has(id) || !matches(source, record) || !inPeriod(indicator, record, scope)) continue;
        seen.add(id);
        records.push({ indicator, record, refusedAttributes: section.refusedAttributes });
      }
    }
    return [{ domain, status: records.length > 0 ? ('RECORDS' as const) : ('NONE' as const), records }];
  });
}
