// Report numbers: R, the issuing time in China Standard Time to the second, the issuing unit's
// region, and four random characters: unique, sortable by time, and telling who issued it.
import { randomInt } from 'node:crypto';
import { cstDateTime } from '../schema/today';

export const REPORT_NUMBER = /^R\d{14}-\d{6}-[A-Z2-7]{4}$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function reportNumber(region: string, at: Date): string {
  const cst = cstDateTime(at).replace(/\D/g, '');
  const tail = Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `R${cst}-${region}-${tail}`;
}
