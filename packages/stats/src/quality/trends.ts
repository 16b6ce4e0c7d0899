// Trends by period: change significance between consecutive periods and control limits
// (p-chart for proportions, x̄-chart for means), so users do not chase noise.
import { isPresent, RunningStats, type TMaybe, tIntervalFromSummary } from '../core/descriptives';
import { tCdf, twoSidedNormalP } from '../core/distributions';

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

export interface TMeanTrendPeriod {
  period: string;
  n: number;
  mean: number | null;
  sd: number | null;
  /** t-interval of this period's mean. */
  ci95: [number, number] | null;
  /** x̄-chart limits: centre ± 3·σ/√n with σ the pooled within-period standard deviation. */
  lcl: number | null;
  ucl: number | null;
  outOfControl: boolean;
  /** Welch's two-sample t-test against the previous period (unequal variances). */
  change: { difference: number; t: number; df: number; p: number } | null;
}

export interface TMeanTrend {
  /** Grand mean of all values (Σ nᵢ·meanᵢ / Σ nᵢ). */
  centre: number | null;
  /** Pooled within-period sd √(Σ (nᵢ − 1)·sᵢ² / Σ (nᵢ − 1)). */
  sigma: number | null;
  periods: TMeanTrendPeriod[];
}

/**
 * Trend of a MEAN (e.g. satisfaction 0–10) by period from per-period summaries: significance of
 * each change with Welch's t-test and x̄-chart control limits, so a move inside the limits
 * is read as noise. `sd` is the sample standard deviation (n − 1).
 */
export function meanTrendFromSummary(
  periods: readonly { period: string; n: number; mean: number | null; sd: number | null }[],
): TMeanTrend {
  let N = 0;
  let S = 0;
  let ssw = 0;
  let dfw = 0;
  for (const p of periods) {
    if (p.n <= 0 || p.mean === null) continue;
    N += p.n;
    S += p.n * p.mean;
    if (p.n > 1 && p.sd !== null && Number.isFinite(p.sd)) {
      ssw += (p.n - 1) * p.sd * p.sd;
      dfw += p.n - 1;
    }
  }
  const centre = N > 0 ? S / N : null;
  const sigma = dfw > 0 ? Math.sqrt(ssw / dfw) : null;
  const out: TMeanTrendPeriod[] = [];
  let prev: (typeof periods)[number] | null = null;
  for (const p of periods) {
    const ok = p.n > 0 && p.mean !== null;
    const sd = p.n > 1 ? p.sd : null;
    let lcl: number | null = null;
    let ucl: number | null = null;
    if (ok && centre !== null && sigma !== null) {
      const h = (3 * sigma) / Math.sqrt(p.n);
      lcl = centre - h;
      ucl = centre + h;
    }
    let change: TMeanTrendPeriod['change'] = null;
    if (
      ok &&
      prev &&
      prev.mean !== null &&
      prev.n > 1 &&
      p.n > 1 &&
      prev.sd !== null &&
      p.sd !== null
    ) {
      const a = (prev.sd * prev.sd) / prev.n;
      const b = (p.sd * p.sd) / p.n;
      const se = Math.sqrt(a + b);
      const difference = (p.mean as number) - prev.mean;
      if (se > 0) {
        const t = difference / se;
        const df = (a + b) ** 2 / ((a * a) / (prev.n - 1) + (b * b) / (p.n - 1));
        change = { difference, t, df, p: 2 * tCdf(-Math.abs(t), df) };
      } else change = { difference, t: 0, df: Number.NaN, p: difference === 0 ? 1 : 0 };
    }
    out.push({
      period: p.period,
      n: p.n,
      mean: ok ? p.mean : null,
      sd,
      ci95: ok && sd !== null ? tIntervalFromSummary(p.n, p.mean as number, sd) : null,
      lcl,
      ucl,
      outOfControl:
        ok &&
        lcl !== null &&
        ucl !== null &&
        ((p.mean as number) < lcl || (p.mean as number) > ucl),
      change,
    });
    prev = p;
  }
  return { centre, sigma, periods: out };
}

/** Trend of a mean from raw values per period (blanks are missing, not zero). */
export function meanTrend(
  periods: readonly { period: string; values: readonly TMaybe[] }[],
): TMeanTrend {
  return meanTrendFromSummary(
    periods.map((p) => {
      const rs = new RunningStats();
      for (const v of p.values) if (isPresent(v)) rs.push(v);
      return {
        period: p.period,
        n: rs.n,
        mean: rs.n > 0 ? rs.mean : null,
        sd: rs.n > 1 ? rs.sd : null,
      };
    }),
  );
}
