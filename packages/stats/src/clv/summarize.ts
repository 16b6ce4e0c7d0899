// Transactions → calibration summary (`fidelia clv fit`, docs/cli-clv.md). Dates are UTC day numbers so
// time zones and DST cannot shift a purchase to another day.
import type { TRfmSummary } from './types';

export interface TTransaction {
  customerId: string;
  /** Days since 1970-01-01 (UTC). */
  day: number;
  amount: number;
}

/** Summarises per customer. Purchases after `calibrationEndDay` are outside calibration and are
 *  ignored (they belong to a holdout), as are customers whose first purchase is after it. */
export function summarizeTransactions(
  txs: readonly TTransaction[],
  calibrationEndDay: number,
): TRfmSummary[] {
  const byCustomer = new Map<string, Map<number, number>>();
  for (const t of txs) {
    if (t.day > calibrationEndDay) continue;
    let days = byCustomer.get(t.customerId);
    if (!days) {
      days = new Map();
      byCustomer.set(t.customerId, days);
    }
    days.set(t.day, (days.get(t.day) ?? 0) + t.amount);
  }
  const out: TRfmSummary[] = [];
  for (const [id, days] of byCustomer) {
    const sorted = [...days.keys()].sort((a, b) => a - b);
    const first = sorted[0] ?? 0;
    const last = sorted[sorted.length - 1] ?? 0;
    let repeatSum = 0;
    for (let i = 1; i < sorted.length; i++) repeatSum += days.get(sorted[i] ?? 0) ?? 0;
    const frequency = sorted.length - 1;
    out.push({
      id,
      frequency,
      recency: (last - first) / 7,
      // "End date inclusive" means purchases on that day count; T itself is measured between
      // dates (end − first), which is how the published CDNOW summary gets T = 38.86 for a
      // 1997-01-01 first purchase and a 1997-09-30 end.
      T: (calibrationEndDay - first) / 7,
      monetaryValue: frequency > 0 ? repeatSum / frequency : 0,
    });
  }
  return out;
}
