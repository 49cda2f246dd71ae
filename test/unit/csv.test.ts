import { csvField } from '../../gateway/bidder-check-csv';

it('quotes CSV fields that need it and defuses spreadsheet formulas', () => {
  expect(csvField('重庆建筑有限公司')).toBe('重庆建筑有限公司');
  expect(csvField('a,b')).toBe('"a,b"');
  expect(csvField('say "hi"')).toBe('"say ""hi"""');
  expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  expect(csvField('\t=1+1')).toBe(`'\t=1+1`);
  expect(csvField('\r=1+1')).toBe(`"'\r=1+1"`);
  expect(csvField(null)).toBe('');
});
