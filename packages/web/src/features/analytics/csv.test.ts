import { describe, expect, it } from 'vitest';
import { neutralise, toCsv } from './csv';

describe('client CSV', () => {
  it('neutralises text that a spreadsheet would run as a formula', () => {
    for (const s of ['=1+1', '+34', '-2', '@SUM(A1)', '\tx', '\rx', '\uFF1Dx']) {
      expect(neutralise(s)).toBe(`'${s}`);
    }
    expect(neutralise('Fiabilidad')).toBe('Fiabilidad');
    // numbers stay numbers: a negative gap is data, not a formula
    expect(neutralise(-1.25)).toBe(-1.25);
  });

  it('writes RFC 4180 rows with a BOM and CRLF', () => {
    const text = toCsv(
      ['item', 'gap'],
      [
        ['Dice "hola", y se va', -0.42777777777777776],
        ['=HYPERLINK("http://x")', null],
      ],
    );
    expect(text).toBe(
      '\uFEFFitem,gap\r\n"Dice ""hola"", y se va",-0.42777777777777776\r\n"\'=HYPERLINK(""http://x"")",\r\n',
    );
  });
});
