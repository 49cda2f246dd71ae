// R05: owners' equity against total assets minus total liabilities, within 1%.
import { balanceWarnings, equityMismatch, fen, yuan } from '../../subgraphs/economic/equity-check';
import type { NewRecord } from '../../storage/port';

const rec = (ind: string, year: number, amount: string, uscc = 'U1'): NewRecord => ({ uscc, ind, agency: 'aic', agencyRegion: '500000', data: { year, amount }, naturalKey: [year] });

it('reads money as whole fen, signs included', () => {
  expect(fen('1250.00')).toBe(125000n);
  expect(fen('-0.05')).toBe(-5n);
  expect(fen('12345678901234567.89')).toBe(1234567890123456789n);
  expect(yuan(-5n)).toBe('-0.05');
  expect(yuan(1234567890123456789n)).toBe('12345678901234567.89');
});

it('allows up to 1% between equity and assets minus liabilities, not more', () => {
  expect(equityMismatch({ assets: fen('1000.00'), liabilities: fen('400.00'), equity: fen('606.00') })).toBe(false);
  expect(equityMismatch({ assets: fen('1000.00'), liabilities: fen('400.00'), equity: fen('606.01') })).toBe(true);
  expect(equityMismatch({ assets: fen('100.00'), liabilities: fen('300.00'), equity: fen('-200.00') })).toBe(false);
  expect(equityMismatch({ assets: fen('100.00'), liabilities: fen('300.00'), equity: fen('200.00') })).toBe(true);
  expect(equityMismatch({ assets: fen('50.00'), liabilities: fen('50.00'), equity: fen('0.01') })).toBe(true);
});

it('warns only when all three figures of one enterprise and year are known', () => {
  const stored = [rec('EC01', 2025, '1000.00'), rec('EC02', 2025, '400.00'), rec('EC01', 2024, '1000.00')];
  const warnings = balanceWarnings([rec('EC03', 2025, '700.00'), rec('EC03', 2024, '1.00'), rec('EC03', 2025, '700.00', 'U2'), rec('EC04', 2025, '1.00')], stored);
  expect(warnings[0]).toEqual([expect.objectContaining({ rule: 'R05', field: 'amount' })]);
  expect(warnings[0]?.[0]?.message).toContain('700.00');
  expect(warnings.slice(1)).toEqual([undefined, undefined, undefined]);
});

it('checks a figure in the batch in place of the stored one', () => {
  const stored = [rec('EC01', 2025, '1000.00'), rec('EC02', 2025, '400.00'), rec('EC03', 2025, '700.00')];
  expect(balanceWarnings([rec('EC01', 2025, '1100.00')], stored)).toEqual([undefined]);
  expect(balanceWarnings([rec('EC02', 2025, '100.00')], stored)[0]?.[0]?.rule).toBe('R05');
});
