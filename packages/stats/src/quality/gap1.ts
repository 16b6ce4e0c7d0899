// SERVQUAL gap 1 (Zeithaml, Berry & Parasuraman 1988): what managers believe customers expect
// (M_k) against what customers expect (E_k). Two independent samples per item, so the interval
// is Welch's, with Satterthwaite's real-valued degrees of freedom (not rounded down: ν is used
// as computed).
import { isPresent, type TMaybe } from '../core/descriptives';
import { tQuantile } from '../core/distributions';
import { SERVQUAL_DIMENSIONS, SERVQUAL_ITEMS, type TServqualDimension } from './servqual';

export interface TGap1Item {
  item: string;
  dimension: TServqualDimension;
  nCustomers: number;
  nManagers: number;
  expectation: number | null;
  prediction: number | null;
  gap: number | null;
  ci95: [number, number] | null;
}

export interface TGap1Dimension {
  dimension: TServqualDimension;
  expectation: number | null;
  prediction: number | null;
  gap: number | null;
}

export interface TGap1 {
  customers: number;
  managers: number;
  items: TGap1Item[];
  dimensions: TGap1Dimension[];
  overall: { gap: number | null };
}

interface TSample {
  n: number;
  mean: number | null;
  /** Sample variance (n − 1); null below two values. */
  variance: number | null;
}

/** Two-pass mean and variance: exact 0 for constant samples (the `[gap, gap]` rule). */
export function sampleOf(values: readonly TMaybe[]): TSample {
  let n = 0;
  let s = 0;
  for (const v of values) {
    if (isPresent(v)) {
      n++;
      s += v;
    }
  }
  if (n === 0) return { n, mean: null, variance: null };
  const m = s / n;
  if (n < 2) return { n, mean: m, variance: null };
  let ss = 0;
  for (const v of values) if (isPresent(v)) ss += (v - m) * (v - m);
  return { n, mean: m, variance: ss / (n - 1) };
}

/**
 * Welch interval for mean(b) − mean(a): diff ± t(1 − α/2, ν)·√(s²_a/n_a + s²_b/n_b),
 * ν = (v_a + v_b)² / (v_a²/(n_a − 1) + v_b²/(n_b − 1)) with v = s²/n. Null when either
 * sample has fewer than two values; [diff, diff] when both variances are 0 (ν undefined).
 */
export function welchInterval(
  a: TSample,
  b: TSample,
  level = 0.95,
): { diff: number; ci: [number, number]; df: number | null } | null {
  if (a.mean === null || b.mean === null || a.variance === null || b.variance === null) {
    return null;
  }
  const diff = b.mean - a.mean;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  if (va === 0 && vb === 0) return { diff, ci: [diff, diff], df: null };
  const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const h = tQuantile(1 - (1 - level) / 2, df) * Math.sqrt(va + vb);
  return { diff, ci: [diff - h, diff + h], df };
}

function meanAll(xs: readonly (number | null)[]): number | null {
  let s = 0;
  for (const x of xs) {
    if (x === null) return null; // a dimension with an empty item has no score (as SERVQUAL)
    s += x;
  }
  return xs.length > 0 ? s / xs.length : null;
}

/**
 * Gap 1 per SERVQUAL item and dimension. `customers[r][k]` is respondent r's E_{k+1},
 * `managers[r][k]` manager r's M_{k+1} (22 values each; null/undefined/NaN = missing).
 * `customers`/`managers` in the result are the row counts, answered or not.
 */
export function gap1(
  customers: readonly (readonly TMaybe[])[],
  managers: readonly (readonly TMaybe[])[],
): TGap1 {
  const items: TGap1Item[] = [];
  for (const dimension of SERVQUAL_DIMENSIONS) {
    for (const k of SERVQUAL_ITEMS[dimension]) {
      const e = sampleOf(customers.map((r) => r[k - 1]));
      const m = sampleOf(managers.map((r) => r[k - 1]));
      const gap = e.mean !== null && m.mean !== null ? m.mean - e.mean : null;
      items.push({
        item: String(k),
        dimension,
        nCustomers: e.n,
        nManagers: m.n,
        expectation: e.mean,
        prediction: m.mean,
        gap,
        ci95: welchInterval(e, m)?.ci ?? null,
      });
    }
  }
  const dimensions = SERVQUAL_DIMENSIONS.map((dimension): TGap1Dimension => {
    const its = items.filter((i) => i.dimension === dimension);
    const expectation = meanAll(its.map((i) => i.expectation));
    const prediction = meanAll(its.map((i) => i.prediction));
    const gap = expectation !== null && prediction !== null ? prediction - expectation : null;
    return { dimension, expectation, prediction, gap };
  });
  return {
    customers: customers.length,
    managers: managers.length,
    items,
    dimensions,
    overall: { gap: meanAll(dimensions.map((d) => d.gap)) },
  };
}
