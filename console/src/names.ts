// Names of the catalogue's codes in the interface language.
import { AGENCIES } from '../../schema/catalogue/agencies';
import { REGIONS } from '../../schema/catalogue/regions';
import { INDICATORS } from '../../schema/catalogue/indicators';
import type { Language } from './i18n/messages';

const regions = new Map(REGIONS.map((r) => [r.code, r.name]));
const agencies = new Map(AGENCIES.map((a) => [a.code, a]));

export const REGION_OPTIONS = REGIONS;

export function regionName(code: string | null | undefined): string {
  if (!code) return '';
  return regions.get(code) ?? code;
}

export function agencyName(code: string, language: Language): string {
  const agency = agencies.get(code);
  if (!agency) return code;
  return language === 'en' ? agency.nameEn : agency.nameZh;
}

const indicators = new Map(INDICATORS.map((i) => [i.code, i]));

/** An indicator's name (AD07 → 拖欠农民工工资失信联合惩戒对象名单), its code when unknown. */
export function indicatorName(code: string, language: Language): string {
  const indicator = indicators.get(code);
  if (!indicator) return code;
  return language === 'en' ? indicator.nameEn : indicator.nameZh;
}
