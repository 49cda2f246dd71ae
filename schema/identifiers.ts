// Check-character algorithms for the identifiers the system accepts, exactly as the spec gives them.

/** GB 32100-2015 alphabet: digits and upper-case letters without I, O, Z, S, V. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Check character of a unified social credit code, from its first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`'${first17.charAt(i)}' is not a USCC character`);
    sum += value * (USCC_WEIGHTS[i] ?? 0);
  }
  const c = 31 - (sum % 31);
  return USCC_ALPHABET.charAt(c === 31 ? 0 : c);
}

export function isValidUscc(code: string): boolean {
  if (code.length !== 18) return false;
  for (const ch of code) if (!USCC_ALPHABET.includes(ch)) return false;
  return usccCheckChar(code.slice(0, 17)) === code.charAt(17);
}

/** ISO 7064 MOD 11,10 check digit of a legacy registration number, from its first 14 digits. */
export function registrationNoCheckDigit(first14: string): string {
  let p = 10;
  for (const ch of first14) {
    const s = (p % 11) + Number(ch);
    p = 2 * (s % 10 === 0 ? 10 : s % 10);
  }
  return String((11 - (p % 11)) % 10);
}

export function isValidRegistrationNo(code: string): boolean {
  return /^\d{15}$/.test(code) && registrationNoCheckDigit(code.slice(0, 14)) === code.charAt(14);
}

/** GB 11643-1999 check character of a resident ID number, from its first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK.charAt(sum % 11);
}

export function isValidResidentId(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && residentIdCheckChar(id.slice(0, 17)) === id.charAt(17);
}

/** Member agencies see ID numbers with the first 6 and last 4 characters kept. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}
