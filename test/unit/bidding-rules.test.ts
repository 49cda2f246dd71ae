// Each joint-punishment rule at its boundaries.
import { firingRecords, qualificationMet, ruleById, RULE_SET_VERSION, verdictOf, type EvidenceRecord } from '../../schema/bidding/rules';

const BID = '2026-06-30';
const rec = (data: Record<string, unknown>, repairedOn?: string): EvidenceRecord => ({ id: 'r1', data, repairedOn });
const fires = (rule: string, data: Record<string, unknown>, repairedOn?: string) => firingRecords(ruleById(rule), [rec(data, repairedOn)], BID).length > 0;

describe('bans (BR05)', () => {
  it('fires when [banFrom, banUntil] covers the bid date, ends included', () => {
    expect(fires('BR05', { banFrom: '2025-06-30', banUntil: BID })).toBe(true);
    expect(fires('BR05', { banFrom: BID, banUntil: '2027-06-30' })).toBe(true);
  });
  it('does not fire for a ban that ended the day before the bid date, or starts the day after', () => {
    expect(fires('BR05', { banFrom: '2025-06-30', banUntil: '2026-06-29' })).toBe(false);
    expect(fires('BR05', { banFrom: '2026-07-01', banUntil: '2027-06-30' })).toBe(false);
  });
});

describe('penalties (BR10) and dated cases (BR04, BR12)', () => {
  it('counts a SERIOUS penalty decided exactly 3 years before the bid date, not a day earlier', () => {
    expect(fires('BR10', { severity: 'SERIOUS', decidedOn: '2023-06-30' })).toBe(true);
    expect(fires('BR10', { severity: 'SERIOUS', decidedOn: '2023-06-29' })).toBe(false);
  });
  it('counts a GENERAL penalty within 1 year and never a MINOR one', () => {
    expect(fires('BR10', { severity: 'GENERAL', decidedOn: '2025-06-30' })).toBe(true);
    expect(fires('BR10', { severity: 'GENERAL', decidedOn: '2025-06-29' })).toBe(false);
    expect(fires('BR10', { severity: 'MINOR', decidedOn: '2026-06-01' })).toBe(false);
  });
  it('ignores a decision dated after the bid date and a penalty repaired before it', () => {
    expect(fires('BR10', { severity: 'SERIOUS', decidedOn: '2026-07-01' })).toBe(false);
    expect(fires('BR10', { severity: 'SERIOUS', decidedOn: '2026-01-01' }, '2026-06-30')).toBe(false);
    expect(fires('BR10', { severity: 'SERIOUS', decidedOn: '2026-01-01' }, '2026-07-01')).toBe(true);
  });
  it('counts a major tax case within 3 years and a failed inspection within 1 year', () => {
    expect(fires('BR04', { announcedOn: '2023-06-30' })).toBe(true);
    expect(fires('BR04', { announcedOn: '2023-06-29' })).toBe(false);
    expect(fires('BR12', { inspectedOn: '2025-06-30' })).toBe(true);
    expect(fires('BR12', { inspectedOn: '2025-06-29' })).toBe(false);
  });
});

describe('list entries (BR01, BR03, BR06, BR09) and arrears (BR11)', () => {
  it('fires while an entry is on the list and not once it is removed', () => {
    expect(fires('BR01', { publishedOn: '2025-01-01' })).toBe(true);
    expect(fires('BR01', { publishedOn: '2025-01-01', removedOn: BID })).toBe(false);
    expect(fires('BR01', { publishedOn: '2025-01-01', removedOn: '2026-07-01' })).toBe(true);
    expect(fires('BR03', { listedOn: '2024-01-01', removedOn: '2026-01-01' })).toBe(false);
    expect(fires('BR09', { listedOn: '2026-06-30' })).toBe(true);
  });
  it('fires for wage arrears only until listedUntil', () => {
    expect(fires('BR06', { listedOn: '2023-06-30', listedUntil: BID })).toBe(true);
    expect(fires('BR06', { listedOn: '2023-06-29', listedUntil: '2026-06-29' })).toBe(false);
  });
  it('warns of tax arrears until they are cleared', () => {
    expect(fires('BR11', { announcedOn: '2026-01-01' })).toBe(true);
    expect(fires('BR11', { announcedOn: '2026-01-01', clearedOn: '2026-06-30' })).toBe(false);
  });
});

describe('operating status (BR07)', () => {
  it('fires for anything but ACTIVE', () => {
    expect(fires('BR07', { status: 'ACTIVE' })).toBe(false);
    expect(fires('BR07', { status: 'REVOKED' })).toBe(true);
  });
});

describe('required qualification (BR08)', () => {
  const cert = (grade: string, validUntil = '2027-01-01', type = '建筑工程施工总承包', issuedOn = '2020-01-01') => rec({ qualificationType: type, grade, validUntil, issuedOn });
  const need = { type: '建筑工程施工总承包', minGrade: 'SECOND' as const };
  it('accepts exactly the required grade and any higher one', () => {
    expect(qualificationMet(need, [cert('SECOND')], BID)).toBe(true);
    expect(qualificationMet(need, [cert('SPECIAL')], BID)).toBe(true);
    expect(qualificationMet(need, [cert('THIRD')], BID)).toBe(false);
  });
  it('counts only certificates of that type valid on the bid date', () => {
    expect(qualificationMet(need, [cert('FIRST', '2026-06-29')], BID)).toBe(false);
    expect(qualificationMet(need, [cert('FIRST', BID)], BID)).toBe(true);
    expect(qualificationMet(need, [cert('FIRST', '2027-01-01', '市政公用工程施工总承包')], BID)).toBe(false);
    expect(qualificationMet(need, [cert('FIRST', '2027-01-01', '建筑工程施工总承包', '2026-07-01')], BID)).toBe(false);
  });
});

it('combines hits into the strongest verdict and versions the rule set', () => {
  expect(verdictOf([])).toBe('ELIGIBLE');
  expect(verdictOf(['WARN'])).toBe('WARN');
  expect(verdictOf(['WARN', 'DISQUALIFIED'])).toBe('DISQUALIFIED');
  expect(RULE_SET_VERSION).toMatch(/^1\.0-[0-9a-f]{8}$/);
});
