// File parsers for `fidelia clv`. Every error names the file, row (1-based line) and column.
import { readFileSync } from 'node:fs';
import type { TRfmSummary, TTransaction } from '@fidelia/stats';
import { CliError } from '../errors';

const fail = (file: string, row: number, col: string, msg: string): never => {
  throw new CliError(`${file}: row ${row}, column ${col}: ${msg}`);
};

function readLines(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`${file}: cannot read (${(e as Error).message})`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // The same lines as split(/\r?\n/); the plain split is several times cheaper on a big file.
  return text.includes('\r') ? text.split(/\r?\n/) : text.split('\n');
}

/** Parses YYYY-MM-DD or YYYYMMDD to a UTC day number, rejecting impossible dates (2021-02-30). */
export function parseDay(s: string): number | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const dt = new Date(ms);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d)
    return null;
  return ms / 86_400_000;
}

function amountOf(file: string, row: number, col: string, s: string): number {
  const v = Number(s);
  if (s.trim() === '' || !Number.isFinite(v)) fail(file, row, col, `not a number: "${s}"`);
  // Negative amounts are refunds: not purchases, so net them out before import. Zero is accepted:
  // CDNOW itself has $0 purchases (free items), which are real purchase occasions.
  if (v < 0)
    fail(file, row, col, `amount must be ≥ 0 (got ${s}); net refunds out of the data first`);
  return v;
}

export function parseTransactions(file: string, format: 'csv' | 'cdnow'): TTransaction[] {
  const lines = readLines(file);
  const out: TTransaction[] = [];
  const push = (
    row: number,
    id: string,
    dayStr: string,
    amountStr: string,
    dateCol: string,
    amtCol: string,
  ) => {
    const day = parseDay(dayStr);
    if (day === null) fail(file, row, dateCol, `not a valid date: "${dayStr}"`);
    const amount = amountOf(file, row, amtCol, amountStr);
    out.push({ customerId: id, day: day ?? 0, amount });
  };
  if (format === 'csv') {
    const header = (lines[0] ?? '').split(',').map((h) => h.trim());
    const need = ['customer_id', 'date', 'amount'];
    for (const h of header)
      if (!need.includes(h)) fail(file, 1, h, 'unknown column (expected customer_id,date,amount)');
    for (const h of need) if (!header.includes(h)) fail(file, 1, h, 'missing column');
    const ci = header.indexOf('customer_id');
    const di = header.indexOf('date');
    const ai = header.indexOf('amount');
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (line.trim() === '') continue;
      const c = line.split(',');
      if (c.length !== header.length)
        fail(file, i + 1, String(c.length), `expected ${header.length} fields`);
      const id = (c[ci] ?? '').trim();
      if (id === '') fail(file, i + 1, 'customer_id', 'empty');
      push(i + 1, id, c[di] ?? '', c[ai] ?? '', 'date', 'amount');
    }
  } else {
    for (let i = 0; i < lines.length; i++) {
      const f = (lines[i] ?? '').trim().split(/\s+/);
      if (f.length === 1 && f[0] === '') continue;
      if (i === 0 && !/^\d/.test(f[0] ?? '')) continue; // master header line
      // Master: id date units dollars; sample: master id, sample id, date, units, dollars.
      if (f.length === 4)
        push(i + 1, f[0] ?? '', f[1] ?? '', f[3] ?? '', '2 (date)', '4 (dollars)');
      else if (f.length === 5)
        push(i + 1, f[0] ?? '', f[2] ?? '', f[4] ?? '', '3 (date)', '5 (dollars)');
      else fail(file, i + 1, String(f.length), 'expected 4 (master) or 5 (sample) fields');
    }
  }
  if (out.length === 0) throw new CliError(`${file}: no transactions`);
  return out;
}

/** One field of a summary row as a number ≥ 0. Number() ignores the same surrounding white
 *  space as trim(), so the field is trimmed only for the checks that need it. */
function summaryNum(file: string, row: number, raw: string | undefined, col: string): number {
  const v = raw === undefined ? Number.NaN : Number(raw);
  if (!(v >= 0) || v === Number.POSITIVE_INFINITY || (v === 0 && (raw ?? '').trim() === ''))
    fail(file, row, col, `not a number ≥ 0: "${(raw ?? '').trim()}"`);
  return v;
}

/** Summary CSV: frequency,recency,T[,monetary_value] or x,t_x,T[,zbar]; optional first id column. */
export function parseSummary(file: string): TRfmSummary[] {
  const lines = readLines(file);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const alias: Record<string, string> = { x: 'frequency', t_x: 'recency', zbar: 'monetary_value' };
  const names = header.map((h) => alias[h] ?? h);
  const known = ['frequency', 'recency', 'T', 'monetary_value'];
  const idCol = known.includes(names[0] ?? '') ? -1 : 0;
  names.forEach((h, i) => {
    if (i !== idCol && !known.includes(h)) fail(file, 1, header[i] ?? h, 'unknown column');
  });
  for (const k of ['frequency', 'recency', 'T'])
    if (!names.includes(k)) fail(file, 1, k, 'missing column (need frequency,recency,T)');
  // Column positions resolved once; the row loop calls no closures and keeps no set of ids
  // when there is no id column (the row number is the id, unique by construction): this parse
  // was most of `fidelia clv fit`'s time after start-up.
  const fi = names.indexOf('frequency');
  const ri = names.indexOf('recency');
  const Ti = names.indexOf('T');
  const mi = names.indexOf('monetary_value');
  const fName = header[fi] ?? 'frequency';
  const rName = header[ri] ?? 'recency';
  const TName = header[Ti] ?? 'T';
  const mName = header[mi] ?? 'monetary_value';
  const ids = idCol === 0 ? new Set<string>() : null;
  const out: TRfmSummary[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const c0 = line.charCodeAt(0);
    // Blank lines are skipped (trim only when the line could be all white space).
    if (line === '' || ((c0 <= 32 || c0 > 127) && line.trim() === '')) continue;
    const c = line.split(',');
    let id: string;
    if (ids) {
      id = (c[0] ?? '').trim();
      if (ids.has(id)) fail(file, i + 1, header[0] ?? 'id', `duplicate id "${id}"`);
      ids.add(id);
    } else id = String(i);
    const frequency = summaryNum(file, i + 1, c[fi], fName);
    const recency = summaryNum(file, i + 1, c[ri], rName);
    const T = summaryNum(file, i + 1, c[Ti], TName);
    if (!Number.isInteger(frequency)) fail(file, i + 1, 'frequency', 'must be an integer');
    if (recency > T) fail(file, i + 1, 'recency', `recency ${recency} > T ${T}`);
    out.push({
      id,
      frequency,
      recency,
      T,
      monetaryValue: mi >= 0 ? summaryNum(file, i + 1, c[mi], mName) : null,
    });
  }
  if (out.length === 0) throw new CliError(`${file}: no customers`);
  return out;
}
