// A printed report names every attribute in Chinese: each one the catalogue defines has a label.
import { INDICATORS } from '../../schema/catalogue';
import { ATTRIBUTE_LABELS } from '../../schema/catalogue/labels';

it('has a Chinese label for every attribute of every indicator', () => {
  const missing = INDICATORS.flatMap((i) => i.attributes.filter((a) => !/[\u4e00-\u9fff]/.test(ATTRIBUTE_LABELS[a.name] ?? '')).map((a) => `${i.code}.${a.name}`));
  expect(missing).toEqual([]);
});
