// Names of the catalogue's codes in the interface language.
import { AGENCIES } from '../../schema/catalogue/agencies';
import { REGIONS } from '../../schema/catalogue/regions';
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
