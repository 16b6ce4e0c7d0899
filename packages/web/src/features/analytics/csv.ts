// Client-side CSV of a chart's data. Text cells that a spreadsheet would run as a formula
// (= + - @ tab CR, and their full-width forms) get a leading ' — the same rule as the server's
// CSV/XLSX writers. Numbers stay numbers (full precision, dot decimal) so the file reads back as
// data; a negative gap is not text and is not touched.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export type TCell = string | number | boolean | null | undefined;

export function neutralise(v: TCell): TCell {
  return typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v;
}

function quote(v: TCell): string {
  const x = neutralise(v);
  if (x === null || x === undefined) return '';
  if (typeof x === 'number') return Number.isFinite(x) ? String(x) : '';
  const s = String(x);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 text with CRLF line ends and a BOM, so Excel opens accents correctly. */
export function toCsv(header: readonly string[], rows: readonly (readonly TCell[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(quote).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function downloadCsv(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
