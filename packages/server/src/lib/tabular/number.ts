// Number parsing for cells written by spreadsheets in English or Spanish locales.

const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?(\d+,?\d*|,\d+)([eE][+-]?\d+)?$/;
// "1.234,5" — dots as thousands separators, only in groups of three.
const GROUPED_COMMA = /^[+-]?\d{1,3}(\.\d{3})+(,\d*)?$/;

export interface ParseNumberOptions {
  /** The file uses ';' separators (Spanish Excel), so '3,5' means 3.5. */
  decimalComma?: boolean;
}

/**
 * Parses a cell. Returns null for a blank cell (missing value) and NaN for text that is not
 * a number, so callers can tell "missing" from "bad input" and report the latter.
 */
export function parseNumber(cell: string, options: ParseNumberOptions = {}): number | null {
  const s = cell.trim();
  if (s === '') return null;
  if (PLAIN.test(s)) return Number(s);
  if (options.decimalComma) {
    if (DECIMAL_COMMA.test(s)) return Number(s.replace(',', '.'));
    if (GROUPED_COMMA.test(s)) return Number(s.replaceAll('.', '').replace(',', '.'));
  }
  return Number.NaN;
}
