// Administrative penalties (AD01) as a tax bureau submits them, for tests and benchmarks that need
// many records: one penalty, or many about one enterprise.

/** One penalty for late filing; `decisionNo` is its natural key. */
export function taxPenalty(uscc: string, decisionNo: string, decidedOn = '2026-05-01', severity: 'MINOR' | 'GENERAL' | 'SERIOUS' = 'MINOR'): Record<string, unknown> {
  return { uscc, decisionNo, decidedOn, authority: '国家税务总局重庆市税务局', violation: '未按期申报', penaltyTypes: ['FINE'], fineAmount: '200.00', severity };
}

/**
 * `count` penalties of one enterprise. Decision numbers carry `prefix`, so two sets never collide;
 * all are GENERAL and decided in the first half of 2026, so the public sees them too.
 */
export function manyPenalties(uscc: string, count: number, prefix: string): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => taxPenalty(uscc, `渝税罚〔2026〕${prefix}${i + 1}号`, `2026-0${1 + (i % 6)}-${String(1 + (i % 28)).padStart(2, '0')}`, 'GENERAL'));
}
