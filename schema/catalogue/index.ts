// Look-ups over the catalogue, built once.
import { AGENCIES } from './agencies';
import { BIDDING_RULES, RULE_SET_VERSION } from './bidding-rules';
import { CATALOGUE_VERSION, INDICATORS } from './indicators';
import { CITY_REGION, REGIONS } from './regions';
import type { Category, IndicatorSpec } from './types';

export * from './types';
export { AGENCIES, BIDDING_RULES, CATALOGUE_VERSION, CITY_REGION, INDICATORS, REGIONS, RULE_SET_VERSION };

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

/** District-level units: every region but the city level. */
export function districtRegions(): string[] {
  return REGIONS.filter((r) => r.code !== CITY_REGION).map((r) => r.code);
}

/** Subgraph that serves a category's indicators. */
export const SUBGRAPH_OF: Readonly<Record<Category, 'identity' | 'adverse' | 'reputation' | 'economic'>> = {
  IDENTITY: 'identity',
  ADVERSE: 'adverse',
  REPUTATION: 'reputation',
  ECONOMIC: 'economic',
};
