// Descriptive statistics with missing values (null / undefined / NaN are skipped, never zero).
import { normalQuantile, tQuantile } from './distributions';

export type TMaybe = number | null | undefined;

/** Welford accumulator: numerically stable mean/variance in one streaming pass. */
export class RunningStats {
  n = 0;
  mean = 0;
  private m2 = 0;

  push(x: number): void {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
  }

  /** Sample variance (n − 1); NaN below two values. */
  get variance(): number {
    return this.n > 1 ? this.m2 / (this.n - 1) : Number.NaN;
  }

  get sd(): number {
    return Math.sqrt(this.variance);
  }
}

export function isPresent(x: TMaybe): x is number {
  return typeof x === 'number' && !Number.isNaN(x);
}

export function present(values: readonly TMaybe[]): number[] {
  return values.filter(isPresent);
}

export interface TDescriptives {
  n: number;
  missing: number;
  mean: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
}

export function describe(values: readonly TMaybe[]): TDescriptives {
  const rs = new RunningStats();
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!isPresent(v)) continue;
    rs.push(v);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const n = rs.n;
  return {
    n,
    missing: values.length - n,
    mean: n > 0 ? rs.mean : null,
    sd: n > 1 ? rs.sd : null,
    min: n > 0 ? min : null,
    max: n > 0 ? max : null,
  };
}

/** Plain arithmetic mean of the present values (sum / n, as the contract asks). */
export function mean(values: readonly TMaybe[]): number | null {
  let s = 0;
  let n = 0;
  for (const v of values) {
    if (isPresent(v)) {
      s += v;
      n++;
    }
  }
  return n > 0 ? s / n : null;
}

export interface TMeanInterval {
  n: number;
  mean: number;
  sd: number;
  ci: [number, number];
}

/** t-interval from summary values: mean ± t(1 − α/2, n − 1)·sd/√n. Null below n = 2. */
export function tIntervalFromSummary(
  n: number,
  m: number,
  sd: number,
  level = 0.95,
): [number, number] | null {
  if (n < 2 || !Number.isFinite(sd)) return null;
  const h = tQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return [m - h, m + h];
}

export function meanInterval(values: readonly TMaybe[], level = 0.95): TMeanInterval | null {
  const rs = new RunningStats();
  for (const v of values) if (isPresent(v)) rs.push(v);
  const ci = tIntervalFromSummary(rs.n, rs.mean, rs.sd, level);
  return ci ? { n: rs.n, mean: rs.mean, sd: rs.sd, ci } : null;
}

/** Wilson score interval for a proportion. */
export function wilsonInterval(
  successes: number,
  n: number,
  level = 0.95,
): [number, number] | null {
  if (n <= 0) return null;
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [centre - half, centre + half];
}

/** Pearson correlation over pairs where both values are present. */
export function pearson(x: readonly TMaybe[], y: readonly TMaybe[]): number | null {
  let n = 0;
  let mx = 0;
  let my = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const a = x[i];
    const b = y[i];
    if (!isPresent(a) || !isPresent(b)) continue;
    n++;
    const dx = a - mx;
    const dy = b - my;
    mx += dx / n;
    my += dy / n;
    sxx += dx * (a - mx);
    syy += dy * (b - my);
    sxy += dx * (b - my);
  }
  if (n < 2 || sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}
