// Cohort retention curves by first-purchase month (issue 7, retention product). A customer's
// cohort is the calendar month (UTC) of their first purchase; month offset k is the k-th
// calendar month after it (k = 0 is the cohort month itself, always 100 %).
//  - active(k):   share of the cohort with at least one purchase in month k (classic grid);
//  - surviving(k): share whose last purchase is in month k or later (still buying at or after k).
// Months after the observation end are unknown, not lost: a cohort's arrays stop at its last
// fully observed month (or the partial one with `includePartialMonth`).

export interface TCohortPurchase {
  customerId: string;
  /** UTC day number (days since 1970-01-01). */
  day: number;
}

export interface TCohortOptions {
  /** Last observed day (inclusive); default the last purchase day. */
  asOfDay?: number;
  /** Count the month containing `asOfDay` even if it is not complete. Default false. */
  includePartialMonth?: boolean;
  /** Longest offset reported. Default unlimited. */
  maxMonths?: number;
}

export interface TCohortCurve {
  /** "YYYY-MM". */
  cohort: string;
  size: number;
  /** Customers active in month k (k = 0 … observed months − 1). */
  active: number[];
  activeRate: number[];
  surviving: number[];
  survivingRate: number[];
}

export interface TCohortAverage {
  month: number;
  /** Cohorts observed at this offset and their customers. */
  cohorts: number;
  customers: number;
  /** Customer-weighted rates over those cohorts. */
  activeRate: number;
  survivingRate: number;
}

export interface TCohortRetention {
  asOfDay: number;
  cohorts: TCohortCurve[];
  average: TCohortAverage[];
}

/** Month index (years·12 + month) of a UTC day number. */
export function monthIndex(day: number): number {
  const d = new Date(day * 86_400_000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

function monthLabel(m: number): string {
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

/** Last day (UTC day number) of month index m. */
function monthEndDay(m: number): number {
  return Date.UTC(Math.floor(m / 12), (m % 12) + 1, 0) / 86_400_000;
}

export function cohortRetention(
  purchases: readonly TCohortPurchase[],
  opts: TCohortOptions = {},
): TCohortRetention {
  let last = Number.NEGATIVE_INFINITY;
  for (const p of purchases) if (p.day > last) last = p.day;
  const asOf = opts.asOfDay ?? last;
  const months = new Map<string, Set<number>>();
  for (const p of purchases) {
    if (p.day > asOf) continue;
    let s = months.get(p.customerId);
    if (!s) {
      s = new Set();
      months.set(p.customerId, s);
    }
    s.add(monthIndex(p.day));
  }
  const asOfMonth = monthIndex(asOf);
  const lastObserved =
    opts.includePartialMonth || monthEndDay(asOfMonth) === asOf ? asOfMonth : asOfMonth - 1;
  // cohort month -> per customer: sorted offsets with a purchase
  const cohorts = new Map<number, number[][]>();
  for (const s of months.values()) {
    const ms = [...s].sort((a, b) => a - b);
    const first = ms[0] ?? 0;
    let list = cohorts.get(first);
    if (!list) {
      list = [];
      cohorts.set(first, list);
    }
    list.push(ms.map((m) => m - first));
  }
  const curves: TCohortCurve[] = [];
  for (const c of [...cohorts.keys()].sort((a, b) => a - b)) {
    const members = cohorts.get(c) ?? [];
    let observed = lastObserved - c + 1;
    if (opts.maxMonths !== undefined) observed = Math.min(observed, opts.maxMonths + 1);
    if (observed <= 0) continue;
    const active = new Array<number>(observed).fill(0);
    const surviving = new Array<number>(observed).fill(0);
    for (const offs of members) {
      for (const k of offs) if (k < observed) active[k] = (active[k] ?? 0) + 1;
      const lastK = offs[offs.length - 1] ?? 0;
      for (let k = 0; k <= Math.min(lastK, observed - 1); k++)
        surviving[k] = (surviving[k] ?? 0) + 1;
    }
    const n = members.length;
    curves.push({
      cohort: monthLabel(c),
      size: n,
      active,
      activeRate: active.map((v) => v / n),
      surviving,
      survivingRate: surviving.map((v) => v / n),
    });
  }
  const average: TCohortAverage[] = [];
  const longest = Math.max(0, ...curves.map((c) => c.active.length));
  for (let k = 0; k < longest; k++) {
    let nC = 0;
    let nCust = 0;
    let a = 0;
    let s = 0;
    for (const c of curves) {
      if (k >= c.active.length) continue;
      nC++;
      nCust += c.size;
      a += c.active[k] ?? 0;
      s += c.surviving[k] ?? 0;
    }
    average.push({
      month: k,
      cohorts: nC,
      customers: nCust,
      activeRate: a / nCust,
      survivingRate: s / nCust,
    });
  }
  return { asOfDay: asOf, cohorts: curves, average };
}
