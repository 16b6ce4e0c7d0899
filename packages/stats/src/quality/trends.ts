// Trends by period: change significance between consecutive periods and p-chart limits,
// so users do not chase noise.
import { twoSidedNormalP } from '../core/distributions';

export interface TTrendPeriod {
  period: string;
  n: number;
  successes: number;
  proportion: number | null;
  /** p-chart limits around the pooled proportion, 3σ for this period's n (clamped to 0..1). */
  lcl: number | null;
  ucl: number | null;
  outOfControl: boolean;
  /** Two-proportion z-test against the previous period. */
  change: { difference: number; z: number; p: number } | null;
}

export function proportionTrend(
  periods: readonly { period: string; n: number; successes: number }[],
): { centre: number | null; periods: TTrendPeriod[] } {
  const N = periods.reduce((a, p) => a + p.n, 0);
  const S = periods.reduce((a, p) => a + p.successes, 0);
  const pbar = N > 0 ? S / N : null;
  const out: TTrendPeriod[] = [];
  let prev: { n: number; successes: number } | null = null;
  for (const per of periods) {
    const prop = per.n > 0 ? per.successes / per.n : null;
    let lcl: number | null = null;
    let ucl: number | null = null;
    if (pbar !== null && per.n > 0) {
      const s = Math.sqrt((pbar * (1 - pbar)) / per.n);
      lcl = Math.max(0, pbar - 3 * s);
      ucl = Math.min(1, pbar + 3 * s);
    }
    let change: TTrendPeriod['change'] = null;
    if (prev && prev.n > 0 && per.n > 0 && prop !== null) {
      const p1 = prev.successes / prev.n;
      const pool = (prev.successes + per.successes) / (prev.n + per.n);
      const se = Math.sqrt(pool * (1 - pool) * (1 / prev.n + 1 / per.n));
      const z = se > 0 ? (prop - p1) / se : 0;
      change = { difference: prop - p1, z, p: se > 0 ? twoSidedNormalP(z) : 1 };
    }
    out.push({
      period: per.period,
      n: per.n,
      successes: per.successes,
      proportion: prop,
      lcl,
      ucl,
      outOfControl: prop !== null && lcl !== null && ucl !== null && (prop < lcl || prop > ucl),
      change,
    });
    prev = per;
  }
  return { centre: pbar, periods: out };
}
