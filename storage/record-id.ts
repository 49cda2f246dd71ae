// Pure helpers every adapter shares: deterministic record ids and the name n-grams that make a
// substring of a Chinese name (which has no spaces to tokenise on) an indexed look-up.
import type { NewRecord } from './port';
import { asText } from '../schema/text';

/** Record ids are readable and deterministic: indicator, agency, enterprise and natural key. */
export function recordId(r: Pick<NewRecord, 'ind' | 'agency' | 'uscc' | 'personHash' | 'naturalKey'>): string {
  const subject = r.uscc ?? `p:${r.personHash ?? ''}`;
  return [r.ind, r.agency, subject, ...r.naturalKey.map(asText)].join(':');
}

/** Distinct character bigrams of a name, lower-cased. */
export function nameBigrams(name: string): string[] {
  const chars = [...name.toLowerCase()];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(`${chars[i]}${chars[i + 1]}`);
  return [...grams];
}

/** Distinct single characters and bigrams: a one-character search is an index look-up too. */
export function nameGrams(name: string): string[] {
  return [...new Set([...name.toLowerCase()]), ...nameBigrams(name)];
}

/** The grams a search text must all have: bigrams, or the one character of a one-character text. */
export function searchGrams(text: string): string[] {
  const chars = [...text.toLowerCase()];
  return chars.length === 1 ? chars : nameBigrams(text);
}
