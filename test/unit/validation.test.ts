// Submission rules read from the catalogue: which dates may lie in the future, which must not come
// before which, how long a ban may run, which amounts may be negative, which numbers are resident IDs.
import { indicatorByCode, type IndicatorSpec } from '../../schema/catalogue';
import { residentIdCheckChar } from '../../schema/identifiers';
import { validateRecord } from '../../submissions/validation';

const TODAY = '2026-06-30';
const ind = (code: string) => indicatorByCode(code) as IndicatorSpec;
const rules = (code: string, record: Record<string, unknown>) => {
  const result = validateRecord(ind(code), record, TODAY);
  return 'failures' in result ? result.failures.map((f) => `${f.rule}:${f.field ?? ''}`) : [];
};

const ban = { decidedOn: '2025-12-20', violation: '串通投标', authority: '重庆市公共资源交易监督管理局', banFrom: '2026-01-01', banUntil: '2028-12-31' };

it('bounds a bidding ban to three years from its start (R03)', () => {
  expect(rules('AD12', ban)).toEqual([]);
  expect(rules('AD12', { ...ban, banUntil: '2029-01-01' })).toEqual([]);
  expect(rules('AD12', { ...ban, banUntil: '2029-01-02' })).toEqual(['R03:banUntil']);
});

it('refuses an end before its start (R02) and lets only validity and ban ends lie in the future (R01)', () => {
  expect(rules('AD12', { ...ban, banUntil: '2025-12-31' })).toEqual(['R02:banUntil']);
  expect(rules('AD12', { ...ban, banFrom: '2026-07-01', banUntil: '2027-01-01' })).toEqual(['R01:banFrom']);
});

it('lets only the amounts the spec allows be negative (R04)', () => {
  expect(rules('EC03', { year: 2025, amount: '-10.00' })).toEqual([]);
  expect(rules('EC01', { year: 2025, amount: '-10.00' })).toEqual(['R04:amount']);
});

it('checks a legal representative’s ID number as a resident ID only when it is one (V03)', () => {
  const id17 = '50010819800101123';
  const valid = id17 + residentIdCheckChar(id17);
  const wrong = id17 + (residentIdCheckChar(id17) === '0' ? '1' : '0');
  const rep = { name: '测试人', idType: 'RESIDENT_ID', idNumber: valid };
  expect(rules('ID02', rep)).toEqual([]);
  expect(rules('ID02', { ...rep, idNumber: wrong })).toEqual(['V03:idNumber']);
  expect(rules('ID02', { ...rep, idType: 'PASSPORT', idNumber: 'E12345678' })).toEqual([]);
});

it('lists at most 20 problems of one record, the last saying how many more there are', () => {
  const record: Record<string, unknown> = { decisionNo: 'x' };
  for (let i = 0; i < 5000; i++) record[`made_up_${i}`] = i;
  const result = validateRecord(ind('AD01'), record, TODAY);
  const failures = 'failures' in result ? result.failures : [];
  expect(failures).toHaveLength(20);
  expect(failures.slice(0, 19).every((f) => f.rule === 'V06')).toBe(true);
  expect(failures[19]?.message).toMatch(/^and \d+ more problems with this record, not listed$/);
});
