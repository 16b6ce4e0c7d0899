// The hand-written XLSX must open in a real reader: exceljs (the server's XLSX library) reads
// it back cell by cell — words, numbers at full precision, blanks, neutralised formulas.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { crc32, toXlsx } from './xlsx';

describe('client XLSX', () => {
  it('computes the ZIP CRC-32 of the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('writes a workbook exceljs reads back exactly', async () => {
    const bytes = toXlsx(
      'Pareto: causas',
      ['Causa', 'Casos', 'Acumulado'],
      [
        ['Formación & <trato>', 3, 0.75],
        ['=HYPERLINK("http://x")', -1.25, null],
        ['Año ñandú "citado"', 0.1 + 0.2, true],
      ],
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    const ws = wb.worksheets[0];
    expect(ws?.name).toBe('Pareto  causas');
    const v = (r: number, c: number) => ws?.getRow(r).getCell(c).value;
    expect([v(1, 1), v(1, 2), v(1, 3)]).toEqual(['Causa', 'Casos', 'Acumulado']);
    expect([v(2, 1), v(2, 2), v(2, 3)]).toEqual(['Formación & <trato>', 3, 0.75]);
    expect(v(3, 1)).toBe('\'=HYPERLINK("http://x")');
    expect(v(3, 2)).toBe(-1.25);
    expect(v(3, 3)).toBeNull();
    expect(v(4, 1)).toBe('Año ñandú "citado"');
    expect(v(4, 2)).toBe(0.30000000000000004);
    expect(v(4, 3)).toBe(true);
  });

  it('names columns past Z as AA, AB…', async () => {
    const header = Array.from({ length: 28 }, (_, i) => `c${i}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(toXlsx('x', header, [])) as never);
    expect(wb.worksheets[0]?.getRow(1).getCell(28).value).toBe('c27');
  });
});
