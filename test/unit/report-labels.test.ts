// What people read: every attribute the catalogue defines has a Chinese label, and every
// enumerated value a Chinese and an English one.
import { INDICATORS, indicatorByCode, type IndicatorSpec } from '../../schema/catalogue';
import { ENUM_LABELS, VERDICT_LABELS, valueLabel } from '../../schema/catalogue/enum-labels';
import { ATTRIBUTE_LABELS } from '../../schema/catalogue/labels';

it('has a Chinese label for every attribute of every indicator', () => {
  const missing = INDICATORS.flatMap((i) => i.attributes.filter((a) => !/[\u4e00-\u9fff]/.test(ATTRIBUTE_LABELS[a.name] ?? '')).map((a) => `${i.code}.${a.name}`));
  expect(missing).toEqual([]);
});

it('has a Chinese and an English label for every value of every enumerated attribute, and nothing else', () => {
  const declared = new Map<string, Set<string>>();
  for (const i of INDICATORS) for (const a of i.attributes) if (a.enumName) declared.set(a.enumName, new Set([...(declared.get(a.enumName) ?? []), ...(a.values ?? [])]));
  expect(declared.size).toBeGreaterThan(20);
  const missing = [...declared].flatMap(([name, values]) =>
    [...values].filter((v) => !/[\u4e00-\u9fff]/.test(ENUM_LABELS[name]?.[v]?.zh ?? '') || !ENUM_LABELS[name]?.[v]?.en).map((v) => `${name}.${v}`),
  );
  expect(missing).toEqual([]);
  // no label of a value the catalogue does not have
  const extra = Object.entries(ENUM_LABELS).flatMap(([name, labels]) =>
    Object.keys(labels)
      .filter((v) => !declared.get(name)?.has(v))
      .map((v) => `${name}.${v}`),
  );
  expect(extra).toEqual([]);
});

it('shows a code as its label, lists element by element, and other values as given', () => {
  const registration = indicatorByCode('ID01') as IndicatorSpec;
  expect(valueLabel(registration, 'enterpriseType', 'STATE_OWNED')).toBe('国有企业');
  expect(valueLabel(registration, 'enterpriseType', 'STATE_OWNED', 'en')).toBe('State-owned enterprise');
  expect(valueLabel(registration, 'name', 'STATE_OWNED')).toBe('STATE_OWNED');
  expect(valueLabel(indicatorByCode('AD01') as IndicatorSpec, 'penaltyTypes', ['WARNING', 'FINE'])).toEqual(['警告', '罚款']);
  expect(Object.keys(VERDICT_LABELS).sort()).toEqual(['DISQUALIFIED', 'ELIGIBLE', 'NOT_FOUND', 'WARN']);
});
