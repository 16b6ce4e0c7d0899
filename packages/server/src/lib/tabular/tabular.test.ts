import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CsvSplitter, type TabularRow } from './csv-splitter';
import { detectSeparator, openDelimited, openTabular, parseNumber, TabularError } from './index';

async function collect(rows: AsyncIterable<TabularRow>): Promise<TabularRow[]> {
  const out: TabularRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'tabular-'));

describe('CsvSplitter', () => {
  it('handles quotes, escaped quotes, embedded newlines and CRLF across any chunking', () => {
    const text = 'a,b,c\r\n1,"x, ""y""",3\r\n"multi\nline",,\r\n\r\nlast,2,"q"';
    const expected = [
      { line: 1, values: ['a', 'b', 'c'] },
      { line: 2, values: ['1', 'x, "y"', '3'] },
      { line: 3, values: ['multi\nline', '', ''] },
      { line: 6, values: ['last', '2', 'q'] },
    ];
    for (let size = 1; size <= text.length; size++) {
      const s = new CsvSplitter(',');
      const out: TabularRow[] = [];
      for (let i = 0; i < text.length; i += size) s.push(text.slice(i, i + size), out);
      s.end(out);
      expect(out, `chunk size ${size}`).toEqual(expected);
    }
  });
});

describe('detectSeparator / parseNumber', () => {
  it('detects separators from the header line', () => {
    expect(detectSeparator('a,b,c')).toBe(',');
    expect(detectSeparator('a;b;"c,d"')).toBe(';');
    expect(detectSeparator('a\tb\tc')).toBe('\t');
    expect(detectSeparator('single')).toBe(',');
  });
  it('parses plain and decimal-comma numbers; blank is missing; text is NaN', () => {
    expect(parseNumber(' 3.5 ')).toBe(3.5);
    expect(parseNumber('3,5')).toBeNaN();
    expect(parseNumber('3,5', { decimalComma: true })).toBe(3.5);
    expect(parseNumber('1.234,5', { decimalComma: true })).toBe(1234.5);
    expect(parseNumber('-2e3')).toBe(-2000);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('  ')).toBeNull();
    expect(parseNumber('abc')).toBeNaN();
    expect(parseNumber('1,2,3', { decimalComma: true })).toBeNaN();
  });
});

describe('openDelimited', () => {
  it('reads UTF-8 with BOM and semicolons', async () => {
    const p = join(dir, 'bom.csv');
    writeFileSync(p, `\uFEFFnombre;nota\r\nJosé;3,5\r\n`);
    const f = await openDelimited(p);
    expect(f.encoding).toBe('utf-8');
    expect(f.separator).toBe(';');
    expect(f.decimalComma).toBe(true);
    expect(f.header).toEqual(['nombre', 'nota']);
    expect(f.warnings).toEqual([]);
    expect(await collect(f.rows)).toEqual([{ line: 2, values: ['José', '3,5'] }]);
  });

  it('falls back to Windows-1252 with a warning, even when the bad byte is far in', async () => {
    const p = join(dir, 'latin.csv');
    const body = `id,name\n${'1,plain\n'.repeat(200_000)}2,Pe\u00f1a \u20ac\n`;
    writeFileSync(p, iconv.encode(body, 'win1252'));
    const f = await openDelimited(p);
    expect(f.encoding).toBe('windows-1252');
    expect(f.warnings[0]).toMatch(/latin\.csv.*Windows-1252/);
    const rows = await collect(f.rows);
    expect(rows).toHaveLength(200_001);
    expect(rows.at(-1)).toEqual({ line: 200_002, values: ['2', 'Peña €'] });
  });

  it('keeps UTF-8 multibyte characters split across 1 MiB chunk boundaries', async () => {
    const p = join(dir, 'utf8.csv');
    const body = `k,v\n${'1,ñandú€\n'.repeat(300_000)}`;
    writeFileSync(p, body);
    const f = await openDelimited(p);
    expect(f.encoding).toBe('utf-8');
    const rows = await collect(f.rows);
    expect(rows).toHaveLength(300_000);
    expect(rows.every((r) => r.values[1] === 'ñandú€')).toBe(true);
  });

  it('reads tabs, bytes input and an empty file', async () => {
    const f = await openDelimited(new TextEncoder().encode('a\tb\n1\t2'));
    expect(f.separator).toBe('\t');
    expect(await collect(f.rows)).toEqual([{ line: 2, values: ['1', '2'] }]);
    const e = await openDelimited(new Uint8Array(0));
    expect(e.header).toEqual([]);
    expect(await collect(e.rows)).toEqual([]);
  });

  it('reports an unterminated quote with its line', async () => {
    const f = await openDelimited(new TextEncoder().encode('a,b\n1,2\n3,"oops\n'));
    await expect(collect(f.rows)).rejects.toSatisfy(
      (e) => e instanceof TabularError && e.line === 3,
    );
  });
});

describe('openTabular (xlsx)', () => {
  it('reads the first sheet with the same row interface', async () => {
    const p = join(dir, 'book.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('data');
    ws.addRow(['id', 'score', 'name']);
    ws.addRow([1, 9.5, 'Ana']);
    ws.addRow([2, null, 'Luis']);
    await wb.xlsx.writeFile(p);
    const f = await openTabular(p);
    expect(f.encoding).toBe('xlsx');
    expect(f.header).toEqual(['id', 'score', 'name']);
    expect(await collect(f.rows)).toEqual([
      { line: 2, values: ['1', '9.5', 'Ana'] },
      { line: 3, values: ['2', '', 'Luis'] },
    ]);
  });
});
