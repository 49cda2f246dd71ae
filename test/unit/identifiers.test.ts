import { isValidRegistrationNo, isValidResidentId, isValidUscc, maskIdNumber, registrationNoCheckDigit, residentIdCheckChar, usccCheckChar, USCC_ALPHABET } from '../../schema/identifiers';

/** ISO 7064 MOD 11,10 verification over all 15 digits, written from the standard's definition. */
function mod1110Verifies(code: string): boolean {
  let p = 10;
  for (const ch of code.slice(0, 14)) {
    const s = (p % 11) + Number(ch);
    p = 2 * (s % 10 || 10);
  }
  return ((p % 11) + Number(code.charAt(14))) % 10 === 1;
}

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts codes published on real business licences', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('91110000600037341L')).toBe(true);
  });

  it('computes the check character from the weighted sum mod 31', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    // a sum that is a multiple of 31 gives c = 31, which becomes 0
    const first17 = '00000000000000000';
    expect(usccCheckChar(first17)).toBe('0');
  });

  it('refuses a wrong check character, a wrong length and letters outside the alphabet', () => {
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    expect(isValidUscc('91350100M000100Y4')).toBe(false);
    expect(isValidUscc('91350100M000100Y433')).toBe(false);
    for (const excluded of ['I', 'O', 'Z', 'S', 'V']) {
      expect(USCC_ALPHABET).not.toContain(excluded);
      expect(isValidUscc(`9135010${excluded}M000100Y43`)).toBe(false);
    }
    expect(isValidUscc('91350100m000100y43')).toBe(false);
  });

  it('detects every single-character substitution', () => {
    const valid = '91350100M000100Y43';
    for (let i = 0; i < 18; i++) {
      for (const ch of USCC_ALPHABET) {
        if (ch === valid.charAt(i)) continue;
        expect(isValidUscc(valid.slice(0, i) + ch + valid.slice(i + 1))).toBe(false);
      }
    }
  });
});

describe('legacy registration number (ISO 7064 MOD 11,10)', () => {
  it('produces check digits that satisfy the standard for many prefixes', () => {
    for (let n = 0; n < 500; n++) {
      const prefix = String(50010300000000 + n * 7919).padStart(14, '0');
      const code = prefix + registrationNoCheckDigit(prefix);
      expect(mod1110Verifies(code)).toBe(true);
      expect(isValidRegistrationNo(code)).toBe(true);
    }
  });

  it('refuses a wrong check digit, letters and the wrong length', () => {
    const prefix = '50010300001234';
    const good = prefix + registrationNoCheckDigit(prefix);
    const bad = prefix + String((Number(good.charAt(14)) + 1) % 10);
    expect(isValidRegistrationNo(bad)).toBe(false);
    expect(isValidRegistrationNo(good.slice(0, 14))).toBe(false);
    expect(isValidRegistrationNo(`${good.slice(0, 13)}A${good.charAt(14)}`)).toBe(false);
  });
});

describe('resident ID number (GB 11643-1999)', () => {
  it('accepts the standard example and computes X for a check value of 10', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
  });

  it('refuses a wrong check character, lower-case x and short numbers', () => {
    expect(isValidResidentId('110105194912310021')).toBe(false);
    expect(isValidResidentId('11010519491231002x')).toBe(false);
    expect(isValidResidentId('1101051949123100')).toBe(false);
  });

  it('is masked for member agencies with the first 6 and last 4 kept', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});
