// An enterprise with many administrative penalties (AD01), as a tax bureau would submit them: for
// the console's tests and benchmark of large profiles. Decision numbers carry `prefix`, so two
// sets never collide; all are GENERAL and decided in 2026, so the public sees them too.
export function manyPenalties(uscc: string, count: number, prefix: string): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    uscc,
    decisionNo: `渝税罚〔2026〕${prefix}${i + 1}号`,
    decidedOn: `2026-0${1 + (i % 6)}-${String(1 + (i % 28)).padStart(2, '0')}`,
    authority: '国家税务总局重庆市税务局',
    violation: '未按期申报',
    penaltyTypes: ['FINE'],
    fineAmount: '200.00',
    severity: 'GENERAL',
  }));
}
