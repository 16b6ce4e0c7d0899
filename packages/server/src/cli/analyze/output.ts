// Output of analysis commands: JSON on stdout (--json), readable tables otherwise, and an
// optional XLSX workbook with one sheet per table (--out).
import { neutraliseRow } from '../../lib/tabular/neutralise';
import { CliError } from '../errors';

export type TCell = string | number | null;
export interface TTable {
  name: string;
  columns: string[];
  rows: TCell[][];
}

export interface TReport {
  json: unknown;
  tables: TTable[];
}

export interface TOutputOptions {
  json?: boolean;
  out?: string;
}

function fmt(v: TCell): string {
  if (v === null) return '–';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(3);
  return v;
}

export function renderTable(t: TTable): string {
  const cells = [t.columns, ...t.rows.map((r) => r.map(fmt))];
  const widths = t.columns.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? '').length)));
  const line = (r: string[]) =>
    r.map((c, j) => (j === 0 ? c.padEnd(widths[j] ?? 0) : c.padStart(widths[j] ?? 0))).join('  ');
  return [t.name, line(t.columns), ...cells.slice(1).map(line)].join('\n');
}

export async function emit(report: TReport, options: TOutputOptions): Promise<void> {
  if (options.out) {
    // Loaded only for --out: exceljs costs ~0.5 s of start-up.
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    for (const t of report.tables) {
      const ws = wb.addWorksheet(t.name.slice(0, 31));
      // names come from the input file's header: neutralised like every export
      ws.addRow(neutraliseRow(t.columns));
      ws.getRow(1).font = { bold: true };
      for (const r of t.rows) ws.addRow(neutraliseRow(r));
    }
    try {
      await wb.xlsx.writeFile(options.out);
    } catch (e) {
      throw new CliError(`${options.out}: cannot write workbook (${(e as Error).message})`);
    }
  }
  if (options.json) process.stdout.write(`${JSON.stringify(report.json)}\n`);
  else process.stdout.write(`${report.tables.map(renderTable).join('\n\n')}\n`);
}

export function ci(c: [number, number] | null): [TCell, TCell] {
  return c ? [c[0], c[1]] : [null, null];
}
