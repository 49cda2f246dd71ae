import { indicatorByCode, type IndicatorSpec } from '../../schema/catalogue';
import { addDuration, isVisible, SUPERSEDED_PUBLIC_WINDOWS } from '../../schema/display-windows';

const ind = (code: string): IndicatorSpec => {
  const found = indicatorByCode(code);
  if (!found) throw new Error(code);
  return found;
};

describe('addDuration', () => {
  it('adds years, months and days as calendar periods', () => {
    expect(addDuration('2024-01-15', 'P3M')).toBe('2024-04-15');
    expect(addDuration('2023-11-30', 'P3M')).toBe('2024-02-29');
    expect(addDuration('2024-02-29', 'P1Y')).toBe('2025-02-28');
    expect(addDuration('2024-05-01', 'P0D')).toBe('2024-05-01');
    expect(() => addDuration('2024-05-01', 'PT3H')).toThrow(RangeError);
  });
});

describe('AD01 administrative penalties', () => {
  const penalty = (severity: string, decidedOn: string) => ({ data: { severity, decidedOn } });
  // the 2026 repair rules (信用修复管理办法, in force 2026-04-01): MINOR not displayed, GENERAL 1 year, SERIOUS 3 years
  it('does not show the public a MINOR penalty at all, by default', () => {
    expect(isVisible('PUBLIC', ind('AD01'), penalty('MINOR', '2026-06-01'), '2026-06-01')).toBe(false);
    expect(isVisible('PUBLIC', ind('AD01'), penalty('MINOR', '2026-06-01'), '2026-06-15')).toBe(false);
    expect(isVisible('MEMBER', ind('AD01'), penalty('MINOR', '2026-06-01'), '2026-06-15')).toBe(true);
  });
  it('shows a GENERAL penalty to the public for 1 year from the decision, to the day: not 13 months later', () => {
    expect(isVisible('PUBLIC', ind('AD01'), penalty('GENERAL', '2025-06-01'), '2026-05-31')).toBe(true);
    expect(isVisible('PUBLIC', ind('AD01'), penalty('GENERAL', '2025-06-01'), '2026-06-01')).toBe(false);
    expect(isVisible('PUBLIC', ind('AD01'), penalty('GENERAL', '2025-05-01'), '2026-06-01')).toBe(false);
  });
  it('shows a SERIOUS penalty to the public for 3 years', () => {
    expect(isVisible('PUBLIC', ind('AD01'), penalty('SERIOUS', '2023-06-01'), '2026-05-31')).toBe(true);
    expect(isVisible('PUBLIC', ind('AD01'), penalty('SERIOUS', '2023-06-01'), '2026-06-01')).toBe(false);
  });
  it('answers for the superseded windows when asked (what a record stored before the change was shown under)', () => {
    expect(isVisible('PUBLIC', ind('AD01'), penalty('GENERAL', '2025-05-01'), '2026-06-01', SUPERSEDED_PUBLIC_WINDOWS)).toBe(true);
    expect(isVisible('PUBLIC', ind('AD01'), penalty('MINOR', '2026-05-01'), '2026-06-01', SUPERSEDED_PUBLIC_WINDOWS)).toBe(true);
  });
  it('cites the law its windows follow, and keeps them within the maxima', () => {
    const ad01 = ind('AD01');
    expect(ad01.displayBasis).toMatchObject({ document: '信用修复管理办法', inForceFrom: '2026-04-01' });
    // the deciding unit answers a repair application within 10 working days (国办发〔2025〕22号)
    expect(ad01.repairDecision).toMatchObject({ workingDays: 10, basis: { issuer: expect.stringContaining('国办发〔2025〕22号') } });
    for (const [cls, window] of Object.entries(ad01.publicWindow ?? {})) {
      const max = ad01.publicWindowMaximum?.[cls] ?? '';
      expect(addDuration('2026-01-01', window) <= addDuration('2026-01-01', max)).toBe(true);
      expect(addDuration('2026-01-01', ad01.repairableAfter?.[cls] ?? '') <= addDuration('2026-01-01', max)).toBe(true);
    }
  });
  it('hides a repaired penalty from the public at once but not from members', () => {
    const repaired = { ...penalty('GENERAL', '2026-01-10'), repairedOn: '2026-05-01' };
    expect(isVisible('PUBLIC', ind('AD01'), repaired, '2026-04-30')).toBe(true);
    expect(isVisible('PUBLIC', ind('AD01'), repaired, '2026-05-01')).toBe(false);
    expect(isVisible('MEMBER', ind('AD01'), repaired, '2026-05-01')).toBe(true);
  });
  it('shows members a penalty for 5 years', () => {
    expect(isVisible('MEMBER', ind('AD01'), penalty('MINOR', '2021-06-01'), '2026-05-31')).toBe(true);
    expect(isVisible('MEMBER', ind('AD01'), penalty('MINOR', '2021-06-01'), '2026-06-01')).toBe(false);
  });
  it('does not show the public a decision dated in the future', () => {
    expect(isVisible('PUBLIC', ind('AD01'), penalty('GENERAL', '2026-07-01'), '2026-06-30')).toBe(false);
  });
});

describe('list entries and windows of other indicators', () => {
  it('shows a dishonest debtor entry to the public while not removed', () => {
    const entry = { data: { publishedOn: '2025-01-01', removedOn: '2026-03-01' } };
    expect(isVisible('PUBLIC', ind('AD08'), entry, '2026-02-28')).toBe(true);
    expect(isVisible('PUBLIC', ind('AD08'), entry, '2026-03-01')).toBe(false);
    expect(isVisible('MEMBER', ind('AD08'), entry, '2026-03-01')).toBe(true);
  });
  it('shows a wage-arrears entry until listedUntil', () => {
    const entry = { data: { listedOn: '2023-01-01', listedUntil: '2026-01-01' } };
    expect(isVisible('PUBLIC', ind('AD07'), entry, '2026-01-01')).toBe(true);
    expect(isVisible('PUBLIC', ind('AD07'), entry, '2026-01-02')).toBe(false);
  });
  it('shows a failed inspection for 1 year and a major tax case for 3 years', () => {
    expect(isVisible('PUBLIC', ind('AD10'), { data: { inspectedOn: '2025-06-30' } }, '2026-06-29')).toBe(true);
    expect(isVisible('PUBLIC', ind('AD10'), { data: { inspectedOn: '2025-06-30' } }, '2026-06-30')).toBe(false);
    expect(isVisible('PUBLIC', ind('AD05'), { data: { announcedOn: '2023-07-01' } }, '2026-06-30')).toBe(true);
  });
  it('leaves other categories alone', () => {
    expect(isVisible('PUBLIC', ind('RP02'), { data: { issuedOn: '2001-01-01' } }, '2026-06-30')).toBe(true);
  });
});
