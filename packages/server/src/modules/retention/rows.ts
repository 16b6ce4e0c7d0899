// Transactions file → validated rows. Pure (no I/O) so the rules are unit-tested.
//
// Rules (documented in the import page and ARCHITECTURE-free README of the module):
//  - Layout: the CDNOW layout (customer id, date, units, amount) as CSV/XLSX with a header, or
//    the whitespace text of datasets/CDNOW_master.txt / CDNOW_sample.txt (converted first).
//  - Customers are matched on the registry's external id; an unknown id is rejected.
//  - Transaction id: the `transaction_id` column when present (upsert key). Without one the id
//    is derived as `<customer>:<date>:<n>` (n-th row of that customer and day in the file), so
//    re-importing the same file changes nothing.
//  - Amounts must be ≥ 0. A zero-amount purchase is kept (it is a purchase event: CDNOW has
//    free items) and reported as a warning. Refunds are explicit: only a file with a `type`
//    column may carry them, as type = refund (the amount may be written positive or negative;
//    it is stored negative). A negative amount without type = refund is rejected, as is a zero
//    refund.
//  - Dates: YYYYMMDD, YYYY-MM-DD, DD/MM/YYYY or a spreadsheet serial (5 digits); dates after
//    today (UTC) are rejected.
//  - A transaction id repeated within one file: the first row wins, later ones are rejected.
import type { TTxColumn } from '@fidelia/contracts';
import { parseNumber } from '../../lib/tabular';

const ALIASES: Record<TTxColumn, string[]> = {
  transactionId: [
    'transaction_id',
    'transactionid',
    'transaction',
    'txn_id',
    'id_transaccion',
    'transaccion',
    'operacion',
    'id_operacion',
  ],
  customerId: [
    'customer_id',
    'customerid',
    'customer',
    'cliente',
    'id_cliente',
    'external_id',
    'master_id',
  ],
  date: ['date', 'fecha', 'purchase_date', 'fecha_compra'],
  amount: ['amount', 'dollar_value', 'dollars', 'importe', 'value', 'valor', 'total'],
  units: ['units', 'number_of_cds', 'cds', 'unidades', 'quantity', 'cantidad'],
  currency: ['currency', 'moneda', 'divisa'],
  type: ['type', 'tipo'],
};

const norm = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s-]+/g, '_');

/** Header → column mapping by alias; unmatched headers are ignored. */
export function mapHeader(header: readonly string[]): {
  mapping: Record<string, TTxColumn>;
  missing: TTxColumn[];
} {
  const mapping: Record<string, TTxColumn> = {};
  const used = new Set<TTxColumn>();
  for (const h of header) {
    const n = norm(h);
    for (const [col, names] of Object.entries(ALIASES) as [TTxColumn, string[]][]) {
      if (!used.has(col) && names.includes(n)) {
        mapping[h] = col;
        used.add(col);
        break;
      }
    }
  }
  const missing = (['customerId', 'date', 'amount'] as const).filter((c) => !used.has(c));
  return { mapping, missing };
}

/** Whitespace-separated CDNOW text (no commas, semicolons or tabs) → CSV with a header. */
export function cdnowTextToCsv(text: string): string | null {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const first = lines[0];
  if (!first || /[,;\t]/.test(first)) return null;
  const cells = first.trim().split(/\s+/);
  const hasHeader = !/^\d+$/.test(cells[0] ?? '');
  const width = (hasHeader ? (lines[1] ?? '') : first).trim().split(/\s+/).length;
  let header: string;
  if (width === 4) header = 'customer_id,date,units,amount';
  else if (width === 5) header = 'customer_id,sample_id,date,units,amount';
  else return null;
  const body = (hasHeader ? lines.slice(1) : lines).map((l) => l.trim().split(/\s+/).join(','));
  return `${header}\n${body.join('\n')}\n`;
}

const DAY = 86_400_000;

/** Parses a date cell to a UTC day number, or null. */
export function parseDay(cell: string): number | null {
  const s = cell.trim();
  // A spreadsheet date serial (days since 1899-12-30; 5 digits = 1927–2173), as XLSX stores
  // dates when the cell style is not read.
  if (/^\d{5}$/.test(s)) return Number(s) - 25569;
  let y: number;
  let m: number;
  let d: number;
  let mt = /^(\d{4})(\d{2})(\d{2})$/.exec(s) ?? /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(s);
  if (mt) {
    y = Number(mt[1]);
    m = Number(mt[2]);
    d = Number(mt[3]);
  } else {
    mt = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
    if (!mt) return null;
    d = Number(mt[1]);
    m = Number(mt[2]);
    y = Number(mt[3]);
  }
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d)
    return null;
  if (y < 1900) return null;
  return Math.floor(t / DAY);
}

export const dayToIso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
export const isoToDay = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
export const todayDay = () => Math.floor(Date.now() / DAY);

export interface TTxRow {
  externalId: string;
  customerExternalId: string;
  day: number;
  amount: number;
  units: number | null;
  currency: string;
  type: 'purchase' | 'refund';
  /** Accepted, but reported (e.g. zero_amount). */
  warning?: string;
}

export interface TRejection {
  row: number;
  column: string;
  value: string;
  reason: string;
}

export interface TRowContext {
  mapping: Record<string, TTxColumn>;
  header: readonly string[];
  decimalComma: boolean;
  defaultCurrency: string;
  today: number;
  /** (customer, day) → rows seen so far, for derived ids. */
  occurrences: Map<string, number>;
  /** Transaction ids seen in this file. */
  seen: Set<string>;
}

export function columnIndex(
  header: readonly string[],
  mapping: Record<string, TTxColumn>,
): Partial<Record<TTxColumn, number>> {
  const out: Partial<Record<TTxColumn, number>> = {};
  header.forEach((h, i) => {
    const c = mapping[h];
    if (c && out[c] === undefined) out[c] = i;
  });
  return out;
}

/** Validates one data row. `line` is the physical line (header = 1). */
export function validateRow(
  values: readonly string[],
  line: number,
  idx: Partial<Record<TTxColumn, number>>,
  ctx: TRowContext,
): { row: TTxRow } | { rejection: TRejection } {
  const cell = (c: TTxColumn) => (idx[c] === undefined ? '' : (values[idx[c]] ?? '').trim());
  const reject = (column: TTxColumn, reason: string) => ({
    rejection: { row: line, column, value: cell(column), reason },
  });
  const cust = cell('customerId');
  if (!cust) return reject('customerId', 'missing_customer');
  const day = parseDay(cell('date'));
  if (day === null) return reject('date', 'bad_date');
  if (day > ctx.today) return reject('date', 'future_date');
  let type: 'purchase' | 'refund' = 'purchase';
  if (idx.type !== undefined) {
    const t = norm(cell('type'));
    if (t === 'refund' || t === 'devolucion' || t === 'reembolso') type = 'refund';
    else if (t === '' || t === 'purchase' || t === 'compra' || t === 'sale' || t === 'venta')
      type = 'purchase';
    else return reject('type', 'bad_type');
  }
  const rawAmount = cell('amount');
  if (!rawAmount) return reject('amount', 'missing_amount');
  const amount = parseNumber(rawAmount, { decimalComma: ctx.decimalComma });
  if (amount === null || !Number.isFinite(amount) || Math.abs(amount) >= 1e12)
    return reject('amount', 'bad_amount');
  if (amount === 0 && type === 'refund') return reject('amount', 'zero_amount');
  if (type === 'purchase' && amount < 0) return reject('amount', 'negative_amount');
  const stored = type === 'refund' ? -Math.abs(amount) : amount;
  let units: number | null = null;
  if (idx.units !== undefined && cell('units') !== '') {
    const u = parseNumber(cell('units'), { decimalComma: ctx.decimalComma });
    units = u !== null && Number.isInteger(u) && u >= 0 && u < 1e9 ? u : null;
  }
  let currency = ctx.defaultCurrency;
  if (idx.currency !== undefined && cell('currency') !== '') {
    currency = cell('currency').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) return reject('currency', 'bad_currency');
  }
  let externalId = cell('transactionId');
  if (idx.transactionId === undefined || externalId === '') {
    const key = `${cust}:${dayToIso(day)}`;
    const n = (ctx.occurrences.get(key) ?? 0) + 1;
    ctx.occurrences.set(key, n);
    externalId = `${key}:${n}`;
  }
  if (ctx.seen.has(externalId)) return reject('transactionId', 'duplicate_in_file');
  ctx.seen.add(externalId);
  return {
    row: {
      externalId,
      customerExternalId: cust,
      day,
      amount: Math.round(stored * 100) / 100,
      units,
      currency,
      type,
      ...(amount === 0 ? { warning: 'zero_amount' } : {}),
    },
  };
}
