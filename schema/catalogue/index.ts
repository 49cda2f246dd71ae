// Look-ups over the catalogue, built once.
import { AGENCIES } from './agencies';
import { BIDDING_RULES, RULES_RELEASE } from './bidding-rules';
import { CATALOGUE_VERSION, INDICATORS } from './indicators';
import { CITY_REGION, REGIONS } from './regions';
import { REPORT_DOMAINS, SPECIAL_REPORT_BASIS, SPECIAL_REPORT_MAX_YEARS, type DomainSource, type ReportDomain } from './report-domains';
import type { Category, Disclosure, IndicatorSpec } from './types';

export * from './types';
export { AGENCIES, BIDDING_RULES, CATALOGUE_VERSION, CITY_REGION, INDICATORS, REGIONS, REPORT_DOMAINS, RULES_RELEASE, SPECIAL_REPORT_BASIS, SPECIAL_REPORT_MAX_YEARS };
export type { DomainSource, ReportDomain };

const byCode = new Map(INDICATORS.map((i) => [i.code, i]));
const regionCodes = new Set(REGIONS.map((r) => r.code));

export function indicatorByCode(code: string): IndicatorSpec | undefined {
  return byCode.get(code);
}

export function indicatorsOf(category: Category): IndicatorSpec[] {
  return INDICATORS.filter((i) => i.category === category);
}

export function isRegionCode(code: string): boolean {
  return regionCodes.has(code);
}

/**
 * Who may follow a person link: the level the catalogue gives the attribute that identifies the
 * person (ID02 idNumber: members, who see that number masked). The strictest, if several.
 */
export const PERSON_LINK_LEVEL: Disclosure = (() => {
  const levels = INDICATORS.flatMap((i) => i.attributes.flatMap((a) => (a.personLink ? [a.personLink] : [])));
  const order: Disclosure[] = ['PUBLIC', 'MEMBER', 'RESTRICTED'];
  return levels.reduce<Disclosure>((strictest, l) => (order.indexOf(l) > order.indexOf(strictest) ? l : strictest), levels.length ? 'PUBLIC' : 'RESTRICTED');
})();

/** District-level units: every region but the city level. */
export function districtRegions(): string[] {
  return REGIONS.filter((r) => r.code !== CITY_REGION).map((r) => r.code);
}

const titled = (category: Category) => category.charAt(0) + category.slice(1).toLowerCase();

/** The mutation that takes a category's records (submitAdverseRecords, …). */
export const submitMutationOf = (category: Category): string => `submit${titled(category)}Records`;
/** The mutation by which the submitting unit withdraws one record of a category. */
export const withdrawMutationOf = (category: Category): string => `withdraw${titled(category)}Record`;
/** The objection operations of a category: file{Category}Objection, decide{Category}Objection, {category}Objections. */
export const objectionFieldsOf = (category: Category) => ({
  file: `file${titled(category)}Objection`,
  decide: `decide${titled(category)}Objection`,
  list: `${category.toLowerCase()}Objections`,
});

/** Subgraph that serves a category's indicators. */
export const SUBGRAPH_OF: Readonly<Record<Category, 'identity' | 'adverse' | 'reputation' | 'economic'>> = {
  IDENTITY: 'identity',
  ADVERSE: 'adverse',
  REPUTATION: 'reputation',
  ECONOMIC: 'economic',
};
