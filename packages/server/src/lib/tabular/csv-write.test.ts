import { stringify } from 'csv-stringify/sync';
import { expect, it } from 'vitest';
import { csvText } from './csv-write';
import { neutralise } from './neutralise';

// Every kind of value the exports write, and the characters that change quoting.
const ROWS: unknown[][] = [
  ['plain', '', null, undefined, 0, -0, -1.5, 1e21, 1e-7, Number.NaN, Number.POSITIVE_INFINITY],
  ['a,b', 'say "hi"', '"', 'line\nbreak', 'cr\rhere', 'crlf\r\n', ' spaced ', "'quoted'"],
  ['=1+1', '+1', '-1', '@x', '\tx', 'ñandú ✓ 😀', '\u2028', ';', '\\'],
  [true, false, 10n, new Date(Date.UTC(2026, 2, 1, 10, 0, 0, 123)), { a: '"x"' }, ['a', 1]],
  [],
  [''],
  [null, null],
];

it('writes what csv-stringify writes, value for value', () => {
  expect(csvText(ROWS)).toBe(stringify(ROWS));
  for (const r of ROWS) expect(csvText([r])).toBe(stringify([r]));
  expect(csvText([])).toBe(stringify([]));
});

it('maps each value through `cell` first, as neutraliseRow before csv-stringify', () => {
  expect(csvText(ROWS, neutralise)).toBe(stringify(ROWS.map((r) => r.map(neutralise))));
});
