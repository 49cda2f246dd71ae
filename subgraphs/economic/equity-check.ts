// R05: owners' equity (EC03) should equal total assets (EC01) minus total liabilities (EC02)
// within 1%. The three arrive in separate batches and any one of them may be the wrong figure,
// so a mismatch does not reject a record: it is kept on the record as a warning.
import type { RuleFailure } from '../../submissions/validation';
import type { NewRecord, SubgraphStores } from '../../storage/port';

const ROLE = { EC01: 'assets', EC02: 'liabilities', EC03: 'equity' } as const;
type BalanceCode = keyof typeof ROLE;
type Balance = Partial<Record<(typeof ROLE)[BalanceCode], bigint>>;

const isBalanceCode = (code: string): code is BalanceCode => code in ROLE;

/** Yuan with two decimals ("-1250.00") as a whole number of fen, so no rounding creeps in. */
export function fen(money: string): bigint {
  const [whole = '0', fraction = ''] = money.replace('-', '').split('.');
  const value = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  return money.startsWith('-') ? -value : value;
}

const absolute = (v: bigint) => (v < 0n ? -v : v);

/** Whether equity differs from assets minus liabilities by more than 1% of that difference. */
export function equityMismatch(balance: Required<Balance>): boolean {
  const expected = balance.assets - balance.liabilities;
  const gap = balance.equity - expected;
  return absolute(gap) * 100n > absolute(expected);
}

export function yuan(value: bigint): string {
  const abs = absolute(value);
  return `${value < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

const keyOf = (uscc: string | null, year: unknown) => `${uscc ?? ''}|${String(year)}`;

/**
 * Warnings for records about to be stored, against the stored balance figures of the same
 * enterprise and year (a figure in this batch takes the place of the stored one).
 */
export function balanceWarnings(records: readonly NewRecord[], stored: readonly Pick<NewRecord, 'uscc' | 'ind' | 'data'>[]): (RuleFailure[] | undefined)[] {
  const balances = new Map<string, Balance>();
  for (const r of [...stored, ...records]) {
    if (!isBalanceCode(r.ind) || typeof r.data['amount'] !== 'string') continue;
    const key = keyOf(r.uscc, r.data['year']);
    balances.set(key, { ...balances.get(key), [ROLE[r.ind]]: fen(r.data['amount']) });
  }
  return records.map((r) => {
    if (!isBalanceCode(r.ind)) return undefined;
    const b = balances.get(keyOf(r.uscc, r.data['year']));
    if (b?.assets === undefined || b.liabilities === undefined || b.equity === undefined) return undefined;
    if (!equityMismatch({ assets: b.assets, liabilities: b.liabilities, equity: b.equity })) return undefined;
    return [
      {
        rule: 'R05',
        field: 'amount',
        message: `for ${String(r.data['year'])}, owners' equity ${yuan(b.equity)} differs by more than 1% from total assets ${yuan(b.assets)} minus total liabilities ${yuan(b.liabilities)}; check the three figures`,
      },
    ];
  });
}

/** The submission hook: reads the stored figures the batch's records are checked against. */
export async function equityWarnings(records: readonly NewRecord[], stores: SubgraphStores): Promise<(RuleFailure[] | undefined)[]> {
  const usccs = [
    ...new Set(
      records
        .filter((r) => isBalanceCode(r.ind))
        .map((r) => r.uscc)
        .filter((u): u is string => u !== null),
    ),
  ];
  if (usccs.length === 0) return records.map(() => undefined);
  const stored = await stores.records.findFor(usccs, Object.keys(ROLE), ['year', 'amount']);
  return balanceWarnings(records, stored);
}
