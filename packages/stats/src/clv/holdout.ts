// Calibration/holdout validation of BG/NBD (Fader, Hardie & Lee 2005, §4, figures 2–4): split
// the transactions at a calibration end date, fit on the calibration period, then compare
//  - per customer group of calibration frequency x (0, 1, …, 7+): mean actual repeat purchases
//    in the holdout vs the mean conditional expectation E[Y(t*) | x, t_x, T] (eq. 10);
//  - weekly and cumulative repeat purchases of the whole cohort, actual vs Σᵢ E[X(tᵢ)] (eq. 9)
//    (the "tracking plot").
// Days are UTC day numbers; time unit weeks; same-day purchases are one purchase, exactly as in
// summarizeTransactions (the `fidelia clv fit` input, docs/cli-clv.md).
import { bgnbdConditionalExpected, bgnbdExpectedPurchases, type TBgNbdParams } from './bgnbd';
import { summarizeTransactions, type TTransaction } from './summarize';
import type { TRfmSummary } from './types';

export interface THoldoutCustomer extends TRfmSummary {
  /** First purchase day (UTC day number). */
  firstDay: number;
  /** Distinct purchase days in (calibration end, holdout end]. */
  holdoutPurchases: number;
}

export interface TCalibrationHoldoutSplit {
  calibrationEndDay: number;
  holdoutEndDay: number;
  /** t* = (holdout end − calibration end) / 7. */
  holdoutWeeks: number;
  /** Customers whose first purchase is on or before the calibration end. */
  customers: THoldoutCustomer[];
  /** Purchase days per customer (sorted), for the tracking series. */
  days: Map<string, number[]>;
}

/**
 * Splits transactions at `calibrationEndDay` (inclusive). The holdout runs to `holdoutEndDay`
 * (inclusive; default: the last transaction day). Customers first seen in the holdout are not
 * part of the cohort and are left out, as are transactions after the holdout end.
 */
export function splitCalibrationHoldout(
  txs: readonly TTransaction[],
  calibrationEndDay: number,
  holdoutEndDay?: number,
): TCalibrationHoldoutSplit {
  let last = Number.NEGATIVE_INFINITY;
  for (const t of txs) if (t.day > last) last = t.day;
  const end = holdoutEndDay ?? last;
  if (!(end > calibrationEndDay))
    throw new RangeError('the holdout period is empty: no transactions after the calibration end');
  const summary = summarizeTransactions(txs, calibrationEndDay);
  const days = new Map<string, Set<number>>();
  for (const t of txs) {
    if (t.day > end) continue;
    let s = days.get(t.customerId);
    if (!s) {
      s = new Set();
      days.set(t.customerId, s);
    }
    s.add(t.day);
  }
  const sorted = new Map<string, number[]>();
  const customers = summary.map((c): THoldoutCustomer => {
    const ds = [...(days.get(c.id) ?? [])].sort((a, b) => a - b);
    sorted.set(c.id, ds);
    let h = 0;
    for (const d of ds) if (d > calibrationEndDay) h++;
    return { ...c, firstDay: ds[0] ?? calibrationEndDay, holdoutPurchases: h };
  });
  return {
    calibrationEndDay,
    holdoutEndDay: end,
    holdoutWeeks: (end - calibrationEndDay) / 7,
    customers,
    days: sorted,
  };
}

export interface THoldoutFrequencyRow {
  /** Calibration repeat purchases: "0", "1", …, or e.g. "7+" for the last, censored group. */
  frequency: string;
  n: number;
  /** Mean actual repeat purchases in the holdout. */
  actual: number;
  /** Mean E[Y(t*) | x, t_x, T]. */
  predicted: number;
}

export interface THoldoutByFrequency {
  holdoutWeeks: number;
  rows: THoldoutFrequencyRow[];
  /** Totals over all customers (sums, not means). */
  total: { n: number; actual: number; predicted: number };
}

/** Conditional expectations grouped by calibration frequency (FHL 2005 figure 4). */
export function holdoutByFrequency(
  params: TBgNbdParams,
  split: TCalibrationHoldoutSplit,
  maxFrequency = 7,
): THoldoutByFrequency {
  const t = split.holdoutWeeks;
  const n = new Array<number>(maxFrequency + 1).fill(0);
  const act = new Array<number>(maxFrequency + 1).fill(0);
  const pred = new Array<number>(maxFrequency + 1).fill(0);
  let sa = 0;
  let sp = 0;
  for (const c of split.customers) {
    const k = Math.min(c.frequency, maxFrequency);
    const e = bgnbdConditionalExpected(params, t, c.frequency, c.recency, c.T);
    n[k] = (n[k] ?? 0) + 1;
    act[k] = (act[k] ?? 0) + c.holdoutPurchases;
    pred[k] = (pred[k] ?? 0) + e;
    sa += c.holdoutPurchases;
    sp += e;
  }
  const rows = n.map((m, k) => ({
    frequency: k === maxFrequency ? `${k}+` : String(k),
    n: m,
    actual: m > 0 ? (act[k] ?? 0) / m : Number.NaN,
    predicted: m > 0 ? (pred[k] ?? 0) / m : Number.NaN,
  }));
  return {
    holdoutWeeks: t,
    rows: rows.filter((r) => r.n > 0),
    total: { n: split.customers.length, actual: sa, predicted: sp },
  };
}

export interface TTrackingWeek {
  /** Week 1 starts on the cohort's first purchase day. */
  week: number;
  /** Last day counted in this week (UTC day number). */
  endDay: number;
  holdout: boolean;
  actual: number;
  expected: number;
  cumulativeActual: number;
  cumulativeExpected: number;
}

export interface TTrackingSeries {
  startDay: number;
  /** Number of whole or partial weeks up to the calibration end. */
  calibrationWeeks: number;
  weeks: TTrackingWeek[];
}

/**
 * Weekly repeat purchases of the cohort, actual vs expected. Week w covers days
 * [d₀ + 7(w − 1), d₀ + 7w − 1] (d₀ = first purchase day of the cohort), truncated at the holdout
 * end. A customer first buying on day f has been exposed tᵢ = (e − f)/7 weeks by a week's last
 * day e (the convention of T), and contributes E[X(tᵢ)] to the expected cumulative count.
 */
export function trackingSeries(
  params: TBgNbdParams,
  split: TCalibrationHoldoutSplit,
): TTrackingSeries {
  let d0 = Number.POSITIVE_INFINITY;
  const byFirst = new Map<number, number>();
  for (const c of split.customers) {
    d0 = Math.min(d0, c.firstDay);
    byFirst.set(c.firstDay, (byFirst.get(c.firstDay) ?? 0) + 1);
  }
  const end = split.holdoutEndDay;
  const nWeeks = Math.ceil((end - d0 + 1) / 7);
  const actual = new Array<number>(nWeeks).fill(0);
  for (const c of split.customers) {
    const ds = split.days.get(c.id) ?? [];
    for (let i = 1; i < ds.length; i++) {
      const w = Math.floor(((ds[i] ?? 0) - d0) / 7);
      if (w < nWeeks) actual[w] = (actual[w] ?? 0) + 1;
    }
  }
  const weeks: TTrackingWeek[] = [];
  let cumA = 0;
  let prevE = 0;
  for (let w = 1; w <= nWeeks; w++) {
    const e = Math.min(d0 + 7 * w - 1, end);
    let cumE = 0;
    for (const [f, count] of byFirst)
      if (e > f) cumE += count * bgnbdExpectedPurchases(params, (e - f) / 7);
    cumA += actual[w - 1] ?? 0;
    weeks.push({
      week: w,
      endDay: e,
      holdout: e > split.calibrationEndDay,
      actual: actual[w - 1] ?? 0,
      expected: cumE - prevE,
      cumulativeActual: cumA,
      cumulativeExpected: cumE,
    });
    prevE = cumE;
  }
  return {
    startDay: d0,
    calibrationWeeks: Math.ceil((split.calibrationEndDay - d0 + 1) / 7),
    weeks,
  };
}
