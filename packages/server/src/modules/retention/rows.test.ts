import { describe, expect, it } from 'vitest';
import { assignTiers } from './model';
import {
  cdnowTextToCsv,
  columnIndex,
  isoToDay,
  mapHeader,
  parseDay,
  type TRowContext,
  validateRow,
} from './rows';
import { DEFAULT_TIERS } from './settings';

function ctx(header: string[]): TRowContext & { idx: ReturnType<typeof columnIndex> } {
  const { mapping } = mapHeader(header);
  return {
    mapping,
    header,
    decimalComma: false,
    defaultCurrency: 'EUR',
    today: isoToDay('2026-01-15'),
    occurrences: new Map(),
    seen: new Set(),
    idx: columnIndex(header, mapping),
  };
}

describe('transactions file rules', () => {
  it('maps CDNOW and Spanish headers', () => {
    expect(mapHeader(['customer_id', 'date', 'number_of_cds', 'dollar_value'])).toEqual({
      mapping: {
        customer_id: 'customerId',
        date: 'date',
        number_of_cds: 'units',
        dollar_value: 'amount',
      },
      missing: [],
    });
    expect(mapHeader(['ID Cliente', 'Fecha', 'Importe', 'Operación']).mapping).toEqual({
      'ID Cliente': 'customerId',
      Fecha: 'date',
      Importe: 'amount',
      Operación: 'transactionId',
    });
    expect(mapHeader(['foo', 'date']).missing).toEqual(['customerId', 'amount']);
  });

  it('converts the whitespace CDNOW layouts (master with header, sample without)', () => {
    expect(cdnowTextToCsv(' customer_id  date n d\r\n 00001 19970101  1   11.77\r\n')).toBe(
      'customer_id,date,units,amount\n00001,19970101,1,11.77\n',
    );
    expect(cdnowTextToCsv(' 00004 0001 19970101  2   29.33\n')).toBe(
      'customer_id,sample_id,date,units,amount\n00004,0001,19970101,2,29.33\n',
    );
    expect(cdnowTextToCsv('a,b\n1,2\n')).toBeNull();
  });

  it('parses dates strictly', () => {
    expect(parseDay('19970101')).toBe(isoToDay('1997-01-01'));
    expect(parseDay('1997-01-31')).toBe(isoToDay('1997-01-31'));
    expect(parseDay('31/01/1997')).toBe(isoToDay('1997-01-31'));
    expect(parseDay('45719')).toBe(isoToDay('2025-03-03'));
    expect(parseDay('19970231')).toBeNull();
    expect(parseDay('yesterday')).toBeNull();
  });

  it('rejects bad rows with a reason and derives stable ids', () => {
    const c = ctx(['customer_id', 'date', 'amount']);
    const v = (cells: string[], line = 2) => validateRow(cells, line, c.idx, c);
    expect(v(['', '2025-01-01', '10'])).toMatchObject({
      rejection: { reason: 'missing_customer' },
    });
    expect(v(['7', '2025-13-01', '10'])).toMatchObject({ rejection: { reason: 'bad_date' } });
    expect(v(['7', '2026-01-16', '10'])).toMatchObject({
      rejection: { reason: 'future_date', column: 'date', value: '2026-01-16' },
    });
    expect(v(['7', '2025-01-01', '0'])).toMatchObject({
      row: { amount: 0, warning: 'zero_amount', externalId: '7:2025-01-01:1' },
    });
    expect(v(['7', '2025-01-01', '-5'])).toMatchObject({
      rejection: { reason: 'negative_amount' },
    });
    expect(v(['7', '2025-01-01', 'ten'])).toMatchObject({ rejection: { reason: 'bad_amount' } });
    expect(v(['7', '2025-01-01', ''])).toMatchObject({ rejection: { reason: 'missing_amount' } });
    const a = v(['7', '2025-01-01', '10.5']);
    const b = v(['7', '2025-01-01', '3']);
    expect(a).toMatchObject({
      row: { externalId: '7:2025-01-01:2', amount: 10.5, type: 'purchase' },
    });
    expect(b).toMatchObject({ row: { externalId: '7:2025-01-01:3' } });
  });

  it('accepts refunds only with a type column, and flags repeated transaction ids', () => {
    const c = ctx(['transaction_id', 'customer_id', 'date', 'amount', 'type', 'currency']);
    const v = (cells: string[]) => validateRow(cells, 2, c.idx, c);
    expect(v(['t1', '7', '2025-01-01', '20', 'refund', ''])).toMatchObject({
      row: { amount: -20, type: 'refund', currency: 'EUR' },
    });
    expect(v(['t2', '7', '2025-01-01', '-20', 'devolución', 'usd'])).toMatchObject({
      row: { amount: -20, type: 'refund', currency: 'USD' },
    });
    expect(v(['t3', '7', '2025-01-01', '-20', 'purchase', ''])).toMatchObject({
      rejection: { reason: 'negative_amount' },
    });
    expect(v(['t4', '7', '2025-01-01', '20', 'gift', ''])).toMatchObject({
      rejection: { reason: 'bad_type' },
    });
    expect(v(['t1', '8', '2025-01-02', '5', '', ''])).toMatchObject({
      rejection: { reason: 'duplicate_in_file', column: 'transactionId', value: 't1' },
    });
    expect(v(['t5', '7', '2025-01-01', '5', '', 'euro'])).toMatchObject({
      rejection: { reason: 'bad_currency' },
    });
  });
});

describe('value tiers', () => {
  it('assigns by CLV percentile (ties share a percentile)', () => {
    // 10 customers with CLV 1..10: percentile = 10·rank; silver ≥ 60 → ranks 6..8, gold ≥ 90 → 10.
    const clv = [5, 1, 10, 2, 9, 3, 8, 4, 7, 6];
    const t = assignTiers(clv, { tierMode: 'percentile', tiers: DEFAULT_TIERS });
    const by = (v: number) => t[clv.indexOf(v)];
    expect([1, 2, 3, 4, 5, 6].map(by)).toEqual(Array(6).fill('bronze'));
    expect([7, 8, 9].map(by)).toEqual(['silver', 'silver', 'silver']);
    expect(by(10)).toBe('gold');
    // All equal: everyone shares percentile 0.
    expect(assignTiers([3, 3, 3], { tierMode: 'percentile', tiers: DEFAULT_TIERS })).toEqual([
      'bronze',
      'bronze',
      'bronze',
    ]);
  });

  it('assigns by CLV rules', () => {
    const tiers = DEFAULT_TIERS.map((t) => ({
      ...t,
      minClv: { bronze: 10, silver: 500, gold: 2000 }[t.key],
    }));
    expect(assignTiers([5, 10, 499.99, 500, 2000], { tierMode: 'rules', tiers })).toEqual([
      null,
      'bronze',
      'bronze',
      'silver',
      'gold',
    ]);
  });
});
