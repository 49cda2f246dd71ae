// The joint reward and punishment catalogue checks itself: every measure has its legal basis and
// reads what its indicator holds; tendering is BR01–BR12 carried over; the forms incentives add
// fire as written.
import { BIDDING_RULES } from '../../schema/catalogue';
import { checkVerdict, scenarioProblems, triggeringRecords } from '../../schema/joint/evaluate';
import { SCENARIOS, scenarioByCode, type MeasureSpec } from '../../schema/joint/scenarios';

it('has no measure without a legal basis, and nothing else wrong', () => {
  expect(scenarioProblems(SCENARIOS)).toEqual([]);
  const tendering = scenarioByCode('TENDERING');
  const first = tendering?.measures[0];
  if (!tendering || !first) throw new Error('no tendering scenario');
  const bare: MeasureSpec = { ...first, code: 'X.BARE', article: ' ' };
  expect(scenarioProblems([{ ...tendering, measures: [bare] }])).toEqual(['X.BARE: no legal basis (document and article)']);
});

it('carries BR01–BR12 over as the tendering scenario, disqualifying rules excluding and warnings heightening scrutiny', () => {
  const tendering = scenarioByCode('TENDERING');
  expect(tendering?.measures.map((m) => [m.bidderRule, m.indicator, m.effect])).toEqual(
    BIDDING_RULES.map((r) => [r.id, r.indicator, r.verdict === 'DISQUALIFIED' ? 'EXCLUDE' : 'HEIGHTENED_SCRUTINY']),
  );
  expect(new Set(SCENARIOS.map((s) => s.code))).toEqual(
    new Set(['TENDERING', 'GOVERNMENT_PROCUREMENT', 'FISCAL_SUBSIDY', 'HONOURS', 'ADMINISTRATIVE_LICENSING', 'STATE_LAND_TRANSFER', 'OFFICE_HOLDING']),
  );
});

it('fires incentives on the newest tax credit grade and on a recent award', () => {
  const licensing = scenarioByCode('ADMINISTRATIVE_LICENSING');
  const taxA = licensing?.measures.find((m) => m.code === 'ADMINISTRATIVE_LICENSING.TAX_A');
  const award = licensing?.measures.find((m) => m.code === 'ADMINISTRATIVE_LICENSING.CONTRACT_TRUSTWORTHY');
  if (!taxA || !award) throw new Error('incentives missing');
  const grades = [
    { id: '2024', data: { year: 2024, grade: 'A' } },
    { id: '2025', data: { year: 2025, grade: 'B' } },
  ];
  expect(triggeringRecords(taxA, grades, '2026-12-04')).toEqual([]);
  expect(triggeringRecords(taxA, [...grades, { id: '2026', data: { year: 2026, grade: 'A' } }], '2026-12-04').map((r) => r.id)).toEqual(['2026']);
  expect(
    triggeringRecords(
      award,
      [
        { id: 'old', data: { awardYear: 2023 } },
        { id: 'new', data: { awardYear: 2025 } },
      ],
      '2026-12-04',
    ).map((r) => r.id),
  ).toEqual(['new']);
});

it('gives the strongest restriction as the verdict; incentives never change it', () => {
  expect(checkVerdict(['HEIGHTENED_SCRUTINY', 'EXCLUDE', 'GREEN_CHANNEL'])).toBe('EXCLUDED');
  expect(checkVerdict(['RESTRICT', 'NO_SIMPLIFIED_PROCEDURE'])).toBe('RESTRICTED');
  expect(checkVerdict(['NO_SIMPLIFIED_PROCEDURE'])).toBe('SCRUTINY');
  expect(checkVerdict(['GREEN_CHANNEL', 'PRIORITY'])).toBe('CLEAR');
});
