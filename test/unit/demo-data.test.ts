// The demo generator is deterministic and produces records that pass the spec's identifier checks.
import { INDICATORS } from '../../schema/catalogue';
import { isValidRegistrationNo, isValidResidentId, isValidUscc } from '../../schema/identifiers';
import { demoUscc, generateEnterprise, type DemoOptions } from '../../scripts/demo-data/generate';

const options: DemoOptions = { seed: 7, size: 3000, personHashKey: 'unit-test-person-hash-key' };
const sample = Array.from({ length: options.size }, (_, i) => generateEnterprise(options, i));

it('is the same for the same seed and index, and differs across seeds', () => {
  expect(generateEnterprise(options, 42)).toEqual(generateEnterprise(options, 42));
  expect(generateEnterprise({ ...options, seed: 8 }, 42).directory.name).not.toBe(sample[42]?.directory.name);
});

it('gives unique, valid codes that can be derived without generating the enterprise', () => {
  const codes = sample.map((e) => e.directory.uscc);
  expect(new Set(codes).size).toBe(codes.length);
  for (const [i, e] of sample.entries()) {
    expect(isValidUscc(e.directory.uscc)).toBe(true);
    expect(demoUscc(options.seed, i)).toBe(e.directory.uscc);
    if (e.directory.registrationNo) expect(isValidRegistrationNo(e.directory.registrationNo)).toBe(true);
  }
});

it('gives legal representatives valid resident ID numbers, some representing several enterprises', () => {
  const ids = sample.map((e) => String(e.records.identity.find((r) => r.ind === 'ID02')?.data['idNumber']));
  for (const id of ids) expect(isValidResidentId(id)).toBe(true);
  expect(new Set(ids).size).toBeLessThan(ids.length);
});

it('keeps most enterprises clean and covers every indicator', () => {
  const withAdverse = sample.filter((e) => e.records.adverse.some((r) => r.uscc !== null)).length;
  expect(withAdverse / sample.length).toBeGreaterThan(0.05);
  expect(withAdverse / sample.length).toBeLessThan(0.35);
  const seen = new Set(
    sample.flatMap((e) =>
      Object.values(e.records)
        .flat()
        .map((r) => r.ind),
    ),
  );
  expect([...INDICATORS.map((i) => i.code)].filter((c) => !seen.has(c))).toEqual([]);
});

it('stores money as two-decimal strings and only enum values the catalogue allows', () => {
  for (const e of sample.slice(0, 300)) {
    for (const r of Object.values(e.records).flat()) {
      const ind = INDICATORS.find((i) => i.code === r.ind);
      for (const attr of ind?.attributes ?? []) {
        const value = r.data[attr.name];
        if (attr.required) expect([r.ind, attr.name, value === undefined]).toEqual([r.ind, attr.name, false]);
        if (value === undefined) continue;
        if (attr.type === 'Money') expect(value).toMatch(/^-?\d+\.\d{2}$/);
        if (attr.type === 'Enum') for (const v of [value].flat()) expect(attr.values).toContain(v);
      }
    }
  }
});
