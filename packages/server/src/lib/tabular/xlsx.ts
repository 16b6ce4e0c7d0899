// XLSX reader with the same row interface as the delimited reader. Uses exceljs' streaming
// WorkbookReader so large workbooks are not materialised; only the first worksheet is read.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { TabularRow } from './csv-splitter';
import { openDelimited, type TabularFile, withHeader } from './reader';

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

async function* xlsxBatches(source: string | Uint8Array): AsyncGenerator<TabularRow[]> {
  const input = typeof source === 'string' ? source : Readable.from([Buffer.from(source)]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  });
  let batch: TabularRow[] = [];
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const raw = row.values as ExcelJS.CellValue[];
      const values: string[] = [];
      // exceljs rows are 1-based and sparse.
      for (let c = 1; c < raw.length; c++) values.push(cellText(raw[c]));
      if (values.every((v) => v.trim() === '')) continue;
      batch.push({ line: row.number, values });
      if (batch.length >= 1000) {
        yield batch;
        batch = [];
      }
    }
    break; // first worksheet only
  }
  if (batch.length > 0) yield batch;
}

export function openXlsx(source: string | Uint8Array): Promise<TabularFile> {
  return withHeader(xlsxBatches(source), {
    encoding: 'xlsx',
    separator: null,
    decimalComma: false,
    warnings: [],
  });
}

/** Opens a .xlsx workbook or a delimited text file, chosen by the file extension. */
export function openTabular(path: string): Promise<TabularFile> {
  return path.toLowerCase().endsWith('.xlsx') ? openXlsx(path) : openDelimited(path);
}

/** The upload formats imports accept, from the file name: .xlsx, or .csv/.txt as delimited. */
export function tabularFormat(fileName: string): 'csv' | 'xlsx' | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  return null;
}

/** Opens uploaded bytes in a known format (imports keep the bytes and re-open them in a job). */
export async function openTabularBytes(
  bytes: Uint8Array,
  format: 'csv' | 'xlsx',
  name: string,
): Promise<TabularFile> {
  return format === 'xlsx' ? openXlsx(bytes) : openDelimited(bytes, { name });
}
