// Distribution helpers used by the interval formulas (thin typed wrappers over @stdlib).
import fQuantileImpl from '@stdlib/stats-base-dists-f-quantile';
import normalCdfImpl from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileImpl from '@stdlib/stats-base-dists-normal-quantile';
import tCdfImpl from '@stdlib/stats-base-dists-t-cdf';
import tQuantileImpl from '@stdlib/stats-base-dists-t-quantile';

/** Quantile of Student's t with `df` degrees of freedom. */
export function tQuantile(p: number, df: number): number {
  return tQuantileImpl(p, df);
}

export function tCdf(x: number, df: number): number {
  return tCdfImpl(x, df);
}

/** Quantile of the standard normal. */
export function normalQuantile(p: number): number {
  return normalQuantileImpl(p, 0, 1);
}

export function normalCdf(x: number): number {
  return normalCdfImpl(x, 0, 1);
}

/** Quantile of the F distribution with (d1, d2) degrees of freedom. */
export function fQuantile(p: number, d1: number, d2: number): number {
  return fQuantileImpl(p, d1, d2);
}

/** Two-sided p-value of a standard normal statistic. */
export function twoSidedNormalP(z: number): number {
  return 2 * normalCdf(-Math.abs(z));
}
